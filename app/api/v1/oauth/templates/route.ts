import { withApi } from "@/lib/server/api/with-api";
import { readQuery } from "@/lib/server/api/read-query";
import { templatesQuerySchema } from "@/lib/schemas/templates";
import { listTemplates } from "@/lib/server/templates/list-templates";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// The catalogue changes only with a deploy: browsers and proxies may keep it for a while.
const CACHE = { "cache-control": "public, max-age=300" };

// GET /api/v1/oauth/templates[?q=…&tier=…] – the provider template catalogue (public data, no auth)
export const GET = withApi(async ({ req }) => {
  const { q, tier } = readQuery(req, templatesQuerySchema);
  return Response.json({ templates: listTemplates({ q, tier }) }, { headers: CACHE });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
