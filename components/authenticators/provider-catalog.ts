// How the UI shows providers, from the templates API's answers (lib/queries/templates.ts). The
// in-code catalogue stays on the server: importing it here would ship it to every visitor.
import type { ComboboxOption } from "@/components/ui/combobox";
import type { ConnectionConfigFieldView, PublicProviderTemplate, TemplateSummary } from "@/lib/schemas/templates";
import type { DescribedScope } from "@/lib/templates/broad-scopes";
import { fillPlaceholders } from "@/lib/templates/template-url";
import { CUSTOM_TYPE } from "@/lib/templates/types";

export { CUSTOM_TYPE, type PublicProviderTemplate, type TemplateSummary };

export const POPULAR_TYPES = ["google", "microsoft", "github", "slack"] as const;

const tierLabel: Record<TemplateSummary["tier"], string> = { "first-class": "", verified: "", community: "community" };

function option(template: TemplateSummary, group: string): ComboboxOption {
  return {
    value: template.type,
    label: template.display_name,
    hint: template.type,
    group,
    keywords: [template.category, tierLabel[template.tier]].filter(Boolean).join(" "),
  };
}

const CUSTOM_OPTION: ComboboxOption = {
  value: CUSTOM_TYPE,
  label: "Custom provider",
  hint: "any OAuth 2.0 server",
  group: "Not listed?",
  alwaysShow: true,
};

/** Google, Microsoft, GitHub and Slack first, then every other template by name, then "Custom provider". */
export function providerOptions(templates: readonly TemplateSummary[] | undefined): ComboboxOption[] {
  if (!templates) return [CUSTOM_OPTION];
  const popular = new Set<string>(POPULAR_TYPES);
  return [
    ...POPULAR_TYPES.flatMap((type) => {
      const template = templates.find((t) => t.type === type);
      return template ? [option(template, "Popular")] : [];
    }),
    ...templates
      .filter((t) => !popular.has(t.type))
      .toSorted((a, b) => a.display_name.localeCompare(b.display_name))
      .map((t) => option(t, "All providers")),
    CUSTOM_OPTION,
  ];
}

/** A provider's name: "Custom" for custom providers, the template's name once known, else its type. */
export function providerName(type: string, names?: ReadonlyMap<string, string>): string {
  return type === CUSTOM_TYPE ? "Custom" : (names?.get(type) ?? type);
}

/** The per-account values a template asks for; `required` is true for those its URLs need. */
export function connectionFields(template: PublicProviderTemplate | undefined): ConnectionConfigFieldView[] {
  return template?.connection_config ?? [];
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

/** What a scope lets the app do, from the template's scope catalogue where known (either spelling of a template fits). */
export function scopeDescription(template: { scopes: readonly DescribedScope[] } | undefined, scope: string): string | undefined {
  const known = template?.scopes.find((s) => s.name === scope || s.name.toLowerCase() === scope.toLowerCase());
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
