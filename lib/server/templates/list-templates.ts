import "server-only";
import { getTemplate, TEMPLATES, templateSummary } from "../../templates/catalog";
import type { ProviderTemplate } from "../../templates/types";
import { NotFoundError } from "../errors";

/** The catalogue, optionally filtered by a search over type and name, or by tier. */
export function listTemplates({ q, tier }: { q?: string | null; tier?: string | null }) {
  const needle = q?.trim().toLowerCase();
  return TEMPLATES.filter(
    (t) => (!tier || t.tier === tier) && (!needle || t.type.includes(needle) || t.displayName.toLowerCase().includes(needle)),
  ).map(templateSummary);
}

export function getTemplateOrThrow(type: string): ProviderTemplate {
  const template = getTemplate(type);
  if (!template) {
    throw new NotFoundError(`No template for "${type}"; GET /api/v1/oauth/templates lists them, or use "custom"`, "template_not_found");
  }
  return template;
}
