import "server-only";
import type { PublicProviderTemplate, TemplateSummary } from "../../schemas/templates";
import { connectionConfigVariables, hasConfigurableHost } from "../../templates/template-url";
import type { ProviderTemplate, RevocationStyle } from "../../templates/types";

// The in-code catalogue is camelCase TypeScript; the API answers snake_case. Written out field by
// field (no generic key converter), so that the response types in lib/schemas/templates.ts check
// every name, and keys that are data — parameter and header names — stay exactly as the provider
// spells them.

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

export function serializeTemplateSummary(template: ProviderTemplate): TemplateSummary {
  return {
    type: template.type,
    display_name: template.displayName,
    tier: template.tier,
    ...optional("category", template.category),
    connection_config: template.connectionConfig.map((field) => field.name),
    scope_count: template.scopes.length,
    configurable_host: hasConfigurableHost(template),
  };
}

function serializeRevocation(revocation: RevocationStyle): PublicProviderTemplate["revocation"] {
  return revocation.kind === "github" ? { kind: "github", ...optional("api_base_url", revocation.apiBaseUrl) } : { ...revocation };
}

export function serializeTemplate(template: ProviderTemplate): PublicProviderTemplate {
  const used = connectionConfigVariables(template);
  const quirks = template.quirks;
  return {
    type: template.type,
    display_name: template.displayName,
    tier: template.tier,
    ...optional("category", template.category),
    authorize_url: template.authorizeUrl,
    token_url: template.tokenUrl,
    revocation: serializeRevocation(template.revocation),
    ...optional("userinfo_url", template.userinfoUrl),
    ...optional("issuer", template.issuer),
    ...optional("iss_parameter_supported", template.issParameterSupported),
    scope_separator: template.scopeSeparator,
    default_scopes: [...template.defaultScopes],
    authorization_params: { ...template.authorizationParams },
    token_params: { ...template.tokenParams },
    ...optional("token_headers", template.tokenHeaders && { ...template.tokenHeaders }),
    token_auth_method: template.tokenAuthMethod,
    pkce: template.pkce,
    connection_config: template.connectionConfig.map((field) => ({
      name: field.name,
      label: field.label,
      ...optional("example", field.example),
      ...optional("pattern", field.pattern),
      required: used.includes(field.name),
    })),
    configurable_host: hasConfigurableHost(template),
    ...optional("api_base_url", template.apiBaseUrl),
    ...optional("api_token_header", template.apiTokenHeader && { ...template.apiTokenHeader }),
    ...optional("api_headers", template.apiHeaders && { ...template.apiHeaders }),
    ...optional("docs_url", template.docsUrl),
    ...optional("console_url", template.consoleUrl),
    scopes: template.scopes.map((scope) => ({
      name: scope.name,
      description: scope.description,
      ...optional("use_case", scope.useCase),
      ...optional("broad", scope.broad),
    })),
    scope_bundles: template.scopeBundles.map((bundle) => ({
      id: bundle.id,
      label: bundle.label,
      ...optional("description", bundle.description),
      scopes: [...bundle.scopes],
    })),
    ...optional("refresh_window_seconds", template.refreshWindowSeconds),
    ...optional(
      "quirks",
      quirks && {
        ...optional("slack_user_scope", quirks.slackUserScope),
        ...optional("errors_with_status_200", quirks.errorsWithStatus200),
        ...optional("non_expiring_tokens", quirks.nonExpiringTokens),
      },
    ),
  };
}
