import { ApiReference } from "@scalar/nextjs-api-reference";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /docs/api – the API reference: Scalar's UI over GET /api/v1/openapi.json, its script served from
// our own origin (public/docs/api/scalar.js, copied at build time), with no web fonts, telemetry,
// hosted AI chat or CDN: the page works offline.
export const GET = ApiReference({
  url: "/api/v1/openapi.json",
  cdn: "/docs/api/scalar.js",
  pageTitle: "FiberWise API reference",
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never",
  defaultOpenFirstTag: true,
  // Scalar's hosted extras (its AI chat, MCP generation) would call scalar.com: off.
  agent: { disabled: true },
  mcp: { disabled: true },
  metaData: { title: "FiberWise API reference", description: "The FiberWise REST API, generated from its zod schemas" },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
