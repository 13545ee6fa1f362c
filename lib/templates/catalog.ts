// The provider template catalogue: read by the API, the registration form, the SDK and the CLI.
// Client-safe: no node: or server imports.
import { COMMUNITY_TEMPLATES } from "./community";
import { FIRST_CLASS_TEMPLATES } from "./first-class";
import {
  connectionConfigVariables,
  fillPlaceholders,
  hasConfigurableHost,
  resolveTemplate,
  resolveTemplateUrl,
} from "./template-url";
import type { ProviderTemplate } from "./types";
import { VERIFIED_TEMPLATES } from "./verified";

export { connectionConfigVariables, fillPlaceholders, hasConfigurableHost, resolveTemplate, resolveTemplateUrl };
export type { ProviderTemplate } from "./types";

/** The authenticator type for providers outside the catalogue; it has no template. */
export const CUSTOM_TYPE = "custom";

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

/** Scope shapes that grant broad access at any provider; matched case-insensitively. */
export const BROAD_SCOPE_PATTERNS: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /^admin$|^admin:|:admin$/i, reason: "Administrative access" },
  { pattern: /^all$|^all:|:all$/i, reason: "Access to everything the account can reach" },
  { pattern: /\.all$/i, reason: "Access to every resource of this kind in the organisation, not only the user's own" },
  { pattern: /^full_access$/i, reason: "Full access to the account" },
  { pattern: /^\*$|^\*:\*$|[:.]\*$/, reason: "Wildcard scope: every permission in its group" },
];

/** Warnings for scopes that grant broad access: the template's own broad scopes, then generic shapes. */
export function broadScopeWarnings(type: string, scopes: string[]): Array<{ scope: string; reason: string }> {
  const templateScopes = getTemplate(type)?.scopes ?? [];
  const warnings: Array<{ scope: string; reason: string }> = [];
  for (const scope of new Set(scopes.map((s) => s.trim()).filter(Boolean))) {
    const known = templateScopes.find((s) => s.name === scope) ?? templateScopes.find((s) => s.name.toLowerCase() === scope.toLowerCase());
    const reason = known?.broad ? known.description : BROAD_SCOPE_PATTERNS.find(({ pattern }) => pattern.test(scope))?.reason;
    if (reason) warnings.push({ scope, reason });
  }
  return warnings;
}

export type TemplateSummary = {
  type: string;
  displayName: string;
  tier: ProviderTemplate["tier"];
  category?: string;
  connectionConfig: string[];
  scopeCount: number;
  /** A connection-config value is the whole host: it must come from the developer, not an end user. */
  configurableHost: boolean;
};

export function templateSummary(template: ProviderTemplate): TemplateSummary {
  return {
    type: template.type,
    displayName: template.displayName,
    tier: template.tier,
    ...(template.category ? { category: template.category } : {}),
    connectionConfig: template.connectionConfig.map((field) => field.name),
    scopeCount: template.scopes.length,
    configurableHost: hasConfigurableHost(template),
  };
}
