import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { connectionQuerySchema } from "@/lib/schemas/connections";
import { getConnectionToken } from "@/lib/server/connections/get-connection-token";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/credentials/connections/{authenticator_id}/token[?user_id=…|end_user_id=…&force_refresh=true] – a valid access token
export const GET = withApiAuth<{ authenticatorId: string }>({ scope: "tokens:read" }, async ({ ctx, params, req }) => {
  const query = readQuery(req, connectionQuerySchema);
  const token = await getConnectionToken({
    ctx,
    input: {
      authenticatorId: params.authenticatorId, appId: query.app_id, userId: query.user_id, endUserId: query.end_user_id, forceRefresh: query.force_refresh,
    },
  });
  return Response.json(token, { headers: { "cache-control": "no-store", pragma: "no-cache" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
