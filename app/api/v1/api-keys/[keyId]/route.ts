import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// DELETE /api/v1/api-keys/{id} – revoke a key
export const DELETE = withApiAuth<{ keyId: string }>({}, async ({ ctx, params }) =>
  Response.json(await revokeApiKey({ ctx, keyId: params.keyId })),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = unansweredMethods("DELETE");
