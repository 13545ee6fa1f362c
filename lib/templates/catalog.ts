// The provider template catalogue: read by the server (the templates API, registration, the OAuth
// adapter) and the CLI. No node: or server imports, but about 150 kB of data: browser code asks the
// templates API instead (lib/queries/templates.ts).
import { broadScopeWarningsFor } from "./broad-scopes";
import { COMMUNITY_TEMPLATES } from "./community";
import { FIRST_CLASS_TEMPLATES } from "./first-class";
import {
  connectionConfigVariables,
  fillPlaceholders,
  hasConfigurableHost,
  resolveTemplate,
  resolveTemplateUrl,
} from "./template-url";
import { CUSTOM_TYPE, type ProviderTemplate } from "./types";
import { VERIFIED_TEMPLATES } from "./verified";

export { connectionConfigVariables, fillPlaceholders, hasConfigurableHost, resolveTemplate, resolveTemplateUrl };
export { CUSTOM_TYPE, type ProviderTemplate } from "./types";

const byType = (a: ProviderTemplate, b: ProviderTemplate) => a.type.localeCompare(b.type);

export const TEMPLATES: readonly ProviderTemplate[] = [
  ...FIRST_CLASS_TEMPLATES,
  ...[...VERIFIED_TEMPLATES].sort(byType),
  ...[...COMMUNITY_TEMPLATES].sort(byType),
];

const TEMPLATES_BY_TYPE = new Map(TEMPLATES.map((template) => [template.type.toLowerCase(), template]));

export function getTemplate(type: string): ProviderTemplate | undefined {
  return TEMPLATES_BY_TYPE.get(type.trim().toLowerCase());
}

export const AUTHENTICATOR_TYPES: string[] = [...TEMPLATES.map((template) => template.type), CUSTOM_TYPE];

/** Warnings for scopes that grant broad access: the template's own broad scopes, then generic shapes. */
export function broadScopeWarnings(type: string, scopes: string[]): Array<{ scope: string; reason: string }> {
  return broadScopeWarningsFor(getTemplate(type)?.scopes ?? [], scopes);
}
