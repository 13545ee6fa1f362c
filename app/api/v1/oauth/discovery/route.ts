import { readJson } from "@/lib/server/api/read-json";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { discoverIssuer } from "@/lib/server/oauth/discover-issuer";
import { discoverySchema } from "@/lib/schemas/authenticators";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/oauth/discovery {"issuer": "https://…"} – endpoints from OIDC / RFC 8414 metadata
export const POST = withApiAuth({ scope: "authenticators:read" }, async ({ ctx, req }) => {
  const input = await readJson(req, discoverySchema);
  return Response.json(await discoverIssuer({ ctx, input }));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("POST");
