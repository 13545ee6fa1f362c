import { connectSessionPreflight } from "@/lib/server/api/cors";
import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { connectionQuerySchema } from "@/lib/schemas/connections";
import { listConnections } from "@/lib/server/connections/list-connections";

// GET /api/v1/credentials/connections[?app_id=…&end_user_id=…] – connections (status, scopes, timings; never a token):
// the caller's, an end user's, or (with a connect session token, cross-origin) the session's end user's
export const GET = withApiAuth({ scope: "connections:read", connectSession: true }, async ({ ctx, req }) => {
  const query = connectionQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json({ connections: await listConnections({ ctx, input: { appId: query.app_id, endUserId: query.end_user_id } }) });
});

// OPTIONS – CORS preflight for connect session tokens
export const OPTIONS = connectSessionPreflight;
