import { readJsonBody } from "@/lib/server/api/read-json";
import { readQuery } from "@/lib/server/api/read-query";
import { listAuthenticatorsQuerySchema } from "@/lib/schemas/authenticators";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { listAuthenticators } from "@/lib/server/authenticators/list-authenticators";
import { registerAuthenticator } from "@/lib/server/authenticators/register-authenticator";
import { parseRegistrationOrThrow } from "@/lib/server/authenticators/parse-registration";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/oauth/authenticators?app_id=…[&include_disabled=true] – the app's authenticators
export const GET = withApiAuth({ scope: "authenticators:read" }, async ({ ctx, req }) => {
  const query = readQuery(req, listAuthenticatorsQuerySchema);
  const authenticators = await listAuthenticators({ ctx, input: { appId: query.app_id, includeDisabled: query.include_disabled } });
  return Response.json({ authenticators });
});

// POST /api/v1/oauth/authenticators – register an authenticator for an app
export const POST = withApiAuth({ scope: "authenticators:write" }, async ({ ctx, req }) => {
  const input = parseRegistrationOrThrow(await readJsonBody(req));
  return Response.json(await registerAuthenticator({ ctx, input }), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
