import { readJson } from "@/lib/server/api/read-json";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { deleteAuthenticator } from "@/lib/server/authenticators/delete-authenticator";
import { getAuthenticatorOrThrow } from "@/lib/server/authenticators/get-authenticator-or-throw";
import { updateAuthenticator } from "@/lib/server/authenticators/update-authenticator";
import { updateAuthenticatorSchema } from "@/lib/schemas/authenticators";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

type Params = { authenticatorId: string };

// GET /api/v1/oauth/authenticators/{authenticator_id} – one authenticator (never its secret)
export const GET = withApiAuth<Params>({ scope: "authenticators:read" }, async ({ ctx, params }) =>
  Response.json(await getAuthenticatorOrThrow({ ctx, authenticatorId: params.authenticatorId })),
);

// PATCH /api/v1/oauth/authenticators/{authenticator_id} – partial update, secret rotation, is_active
export const PATCH = withApiAuth<Params>({ scope: "authenticators:write" }, async ({ ctx, params, req }) => {
  const input = await readJson(req, updateAuthenticatorSchema);
  return Response.json(await updateAuthenticator({ ctx, authenticatorId: params.authenticatorId, input }));
});

// DELETE /api/v1/oauth/authenticators/{authenticator_id} – delete with its connections
export const DELETE = withApiAuth<Params>({ scope: "authenticators:write" }, async ({ ctx, params }) => {
  await deleteAuthenticator({ ctx, authenticatorId: params.authenticatorId });
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = unansweredMethods("GET", "PATCH", "DELETE");
