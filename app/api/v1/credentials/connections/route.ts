import { connectSessionPreflight } from "@/lib/server/api/cors";
import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { listConnectionsQuerySchema } from "@/lib/schemas/connections";
import { listConnections } from "@/lib/server/connections/list-connections";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/credentials/connections[?app_id=…&end_user_id=…] – connections (status, scopes, timings; never a token):
// the caller's, an end user's, or (with a connect session token, cross-origin) the session's end user's
export const GET = withApiAuth({ scope: "connections:read", connectSession: true }, async ({ ctx, req }) => {
  const query = readQuery(req, listConnectionsQuerySchema);
  return Response.json({ connections: await listConnections({ ctx, input: { appId: query.app_id, endUserId: query.end_user_id } }) });
});

// OPTIONS – CORS preflight for connect session tokens
export const OPTIONS = connectSessionPreflight;

export const { POST, PUT, PATCH, DELETE } = unansweredMethods("GET", "OPTIONS");
