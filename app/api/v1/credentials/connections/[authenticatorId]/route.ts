import { connectSessionPreflight } from "@/lib/server/api/cors";
import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { connectionQuerySchema } from "@/lib/schemas/connections";
import { revokeConnection } from "@/lib/server/connections/revoke-connection";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// DELETE /api/v1/credentials/connections/{authenticator_id}[?user_id=…|end_user_id=…] – disconnect: revoke at the provider, remove the tokens (204)
export const DELETE = withApiAuth<{ authenticatorId: string }>({ scope: "connections:write", connectSession: true }, async ({ ctx, params, req }) => {
  const query = readQuery(req, connectionQuerySchema);
  const result = await revokeConnection({
    ctx,
    input: { authenticatorId: params.authenticatorId, appId: query.app_id, userId: query.user_id, endUserId: query.end_user_id },
  });
  return new Response(null, { status: 204, headers: { "x-provider-revocation": result.provider_revocation.slice(0, 100) } });
});

// OPTIONS – CORS preflight for connect session tokens
export const OPTIONS = connectSessionPreflight;

export const { GET, POST, PUT, PATCH } = unansweredMethods("DELETE", "OPTIONS");
