import { withApi } from "@/lib/server/api/with-api";
import { listTemplates } from "@/lib/server/templates/list-templates";

// GET /api/v1/oauth/templates[?q=…&tier=…] – the provider template catalogue (public data, no auth)
export const GET = withApi(async ({ req }) => {
  const query = new URL(req.url).searchParams;
  return Response.json({ templates: listTemplates({ q: query.get("q"), tier: query.get("tier") }) });
});
