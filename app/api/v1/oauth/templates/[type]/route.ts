import { withApi } from "@/lib/server/api/with-api";
import { getTemplateOrThrow } from "@/lib/server/templates/get-template";

// GET /api/v1/oauth/templates/{type} – one template with its scopes and bundles
export const GET = withApi<{ type: string }>(async ({ params }) =>
  Response.json(getTemplateOrThrow(params.type), { headers: { "cache-control": "public, max-age=300" } }),
);
