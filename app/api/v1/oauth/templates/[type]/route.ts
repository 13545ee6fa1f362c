import { withApi } from "@/lib/server/api/with-api";
import { getTemplateOrThrow } from "@/lib/server/templates/get-template";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/oauth/templates/{type} – one template with its scopes and bundles
export const GET = withApi<{ type: string }>(async ({ params }) =>
  Response.json(getTemplateOrThrow(params.type), { headers: { "cache-control": "public, max-age=300" } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
