// The provider catalogue as the UI shows it. The catalogue module is client-safe, so the picker and
// the scope descriptions need no round trip.
import type { ComboboxOption } from "@/components/ui/combobox";
import {
  connectionConfigVariables,
  CUSTOM_TYPE,
  fillPlaceholders,
  getTemplate,
  TEMPLATES,
  type ProviderTemplate,
} from "@/lib/templates/catalog";
import type { ConnectionConfigField } from "@/lib/templates/types";

export { CUSTOM_TYPE, getTemplate, type ProviderTemplate };

export const POPULAR_TYPES = ["google", "microsoft", "github", "slack"] as const;

const tierLabel: Record<ProviderTemplate["tier"], string> = { "first-class": "", verified: "", community: "community" };

function option(template: ProviderTemplate, group: string): ComboboxOption {
  return {
    value: template.type,
    label: template.displayName,
    hint: template.type,
    group,
    keywords: [template.category, tierLabel[template.tier]].filter(Boolean).join(" "),
  };
}

/** Google, Microsoft, GitHub and Slack first, then every other template by name, then "Custom provider". */
export const PROVIDER_OPTIONS: ComboboxOption[] = [
  ...POPULAR_TYPES.flatMap((type) => {
    const template = getTemplate(type);
    return template ? [option(template, "Popular")] : [];
  }),
  ...TEMPLATES.filter((t) => !(POPULAR_TYPES as readonly string[]).includes(t.type))
    .toSorted((a, b) => a.displayName.localeCompare(b.displayName))
    .map((t) => option(t, "All providers")),
  {
    value: CUSTOM_TYPE,
    label: "Custom provider",
    hint: "any OAuth 2.0 server",
    group: "Not listed?",
    alwaysShow: true,
  },
];

export const TEMPLATE_COUNT = TEMPLATES.length;

export function providerName(type: string): string {
  return type === CUSTOM_TYPE ? "Custom" : (getTemplate(type)?.displayName ?? type);
}

/**
 * The per-account values a template asks for: its declared fields, plus any variable its URLs use
 * without declaring it. `required` is true for those the URLs need.
 */
export function connectionFields(template: ProviderTemplate | undefined): Array<ConnectionConfigField & { required: boolean }> {
  if (!template) return [];
  const used = connectionConfigVariables(template);
  const declared = template.connectionConfig.map((field) => ({ ...field, required: used.includes(field.name) }));
  const undeclared = used.filter((name) => !declared.some((f) => f.name === name)).map((name) => ({ name, label: name, required: true }));
  return [...declared, ...undeclared];
}

/** A template URL with the values typed so far filled in; unfilled parts stay as {name}. */
export function previewUrl(url: string, values: Record<string, string>): string {
  try {
    return fillPlaceholders(url, values);
  } catch {
    return url.replace(/\$\{connectionConfig\.([^}]+)\}/g, (_m, name: string) => (values[name] ? values[name] : `{${name}}`));
  }
}

const GENERIC_SCOPES: Record<string, string> = {
  openid: "Confirm who you are (OpenID Connect)",
  offline_access: "Stay connected while you are away (refresh token)",
  profile: "Your basic profile: name and picture",
  email: "Your email address",
};

/** What a scope lets the app do, from the template's scope catalogue where known. */
export function scopeDescription(type: string, scope: string): string | undefined {
  const known = getTemplate(type)?.scopes.find((s) => s.name === scope || s.name.toLowerCase() === scope.toLowerCase());
  return known?.description ?? GENERIC_SCOPES[scope];
}

/** A long URL-shaped scope shown by its last part: ".../auth/gmail.readonly" → "gmail.readonly". */
export function shortScope(scope: string): string {
  if (!/^https?:\/\//.test(scope)) return scope;
  try {
    const url = new URL(scope);
    return url.pathname.split("/").filter(Boolean).at(-1) ?? url.host;
  } catch {
    return scope;
  }
}
