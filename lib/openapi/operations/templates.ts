import { z } from "zod";
import { providerTemplateSchema, templateListSchema, templatesQuerySchema } from "../../schemas/templates";
import type { Operation } from "../operation";

export const templateOperations: Operation[] = [
  {
    method: "get", path: "/api/v1/oauth/templates", operationId: "listTemplates", summary: "List provider templates",
    description: "The catalogue (~290 providers; Google, Microsoft, GitHub and Slack first), searchable and filterable by tier. Public data.",
    tag: "Authenticators", auth: "none",
    params: { query: templatesQuerySchema },
    responses: { 200: { description: "The catalogue", schema: templateListSchema } },
  },
  {
    method: "get", path: "/api/v1/oauth/templates/{type}", operationId: "getTemplate", summary: "Get a provider template",
    description: "One template with its endpoints, scope catalogue and scope bundles.", tag: "Authenticators", auth: "none",
    params: { path: z.object({ type: z.string().max(64).describe("The template's type, e.g. google") }) },
    responses: { 200: { description: "The template", schema: providerTemplateSchema } },
  },
];
