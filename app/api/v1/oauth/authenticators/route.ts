import { readJsonBody } from "@/lib/server/api/read-json";
import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { listAuthenticators } from "@/lib/server/authenticators/list-authenticators";
import { registerAuthenticator } from "@/lib/server/authenticators/register-authenticator";
import { parseRegistrationOrThrow } from "@/lib/server/authenticators/parse-registration";

// GET /api/v1/oauth/authenticators?app_id=…[&include_disabled=true] – the app's authenticators
export const GET = withApiAuth({ scope: "authenticators:read" }, async ({ ctx, req }) => {
  const query = new URL(req.url).searchParams;
  const authenticators = await listAuthenticators({
    ctx,
    input: { appId: query.get("app_id"), includeDisabled: query.get("include_disabled") === "true" },
  });
  return Response.json({ authenticators });
});

// POST /api/v1/oauth/authenticators – register an authenticator for an app
export const POST = withApiAuth({ scope: "authenticators:write" }, async ({ ctx, req }) => {
  const input = parseRegistrationOrThrow(await readJsonBody(req));
  return Response.json(await registerAuthenticator({ ctx, input }), { status: 201 });
});

