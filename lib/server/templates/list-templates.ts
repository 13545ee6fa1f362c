import "server-only";
import type { TemplateSummary, TemplateTier } from "../../schemas/templates";
import { TEMPLATES } from "../../templates/catalog";
import { serializeTemplateSummary } from "./serialize-template";

/** The catalogue as the API lists it, optionally filtered by a search over type and name, or by tier. */
export function listTemplates({ q, tier }: { q?: string | null; tier?: TemplateTier | null }): TemplateSummary[] {
  const needle = q?.trim().toLowerCase();
  return TEMPLATES.filter(
    (t) => (!tier || t.tier === tier) && (!needle || t.type.includes(needle) || t.displayName.toLowerCase().includes(needle)),
  ).map(serializeTemplateSummary);
}
