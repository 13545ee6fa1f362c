import { withApi } from "@/lib/server/api/with-api";
import { getOpenApiDocument } from "@/lib/server/openapi/get-openapi-document";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/openapi.json – the API reference (OpenAPI 3.1), generated from lib/schemas (no auth)
export const GET = withApi(async () =>
  new Response(getOpenApiDocument(), { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
