import { z } from "zod";

// Client-safe: the provider templates as the API answers them (GET /api/v1/oauth/templates and
// /templates/{type}), in snake_case like every other route. The catalogue itself stays camelCase
// TypeScript in lib/templates; lib/server/templates/serialize-template.ts maps one to the other.

export const TEMPLATE_TIERS = ["first-class", "verified", "community"] as const;
export const templateTierSchema = z.enum(TEMPLATE_TIERS);
export type TemplateTier = z.infer<typeof templateTierSchema>;

/** GET /api/v1/oauth/templates?q=…&tier=…: q searches type and display name. */
export const templatesQuerySchema = z.object({
  q: z.string().max(100).optional(),
  tier: z.enum(TEMPLATE_TIERS, { error: `tier must be one of ${TEMPLATE_TIERS.join(", ")}` }).optional(),
});

/** One entry of the catalogue listing. */
export const templateSummarySchema = z.object({
  /** The `authenticator_type` to register with: "google", "shopify", … */
  type: z.string(),
  display_name: z.string(),
  tier: templateTierSchema,
  category: z.string().optional(),
  /** Names of the per-account values (`configuration.connection_config`) the template takes. */
  connection_config: z.array(z.string()),
  scope_count: z.number().int(),
  /** A connection-config value is the whole host of the authorize or token URL: it must come from the developer. */
  configurable_host: z.boolean(),
}).meta({ id: "TemplateSummary" });
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const templateListSchema = z.object({ templates: z.array(templateSummarySchema) });
export type TemplateList = z.infer<typeof templateListSchema>;

/** How the platform revokes a grant at the provider on disconnect. */
export const templateRevocationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rfc7009"), url: z.string() }),
  z.object({ kind: z.literal("google"), url: z.string() }),
  /** DELETE {api_base_url ?? https://api.github.com}/applications/{client_id}/token */
  z.object({ kind: z.literal("github"), api_base_url: z.string().optional() }),
  z.object({ kind: z.literal("slack"), url: z.string() }),
  z.object({ kind: z.literal("none") }),
]);

export const templateScopeSchema = z.object({
  name: z.string(),
  description: z.string(),
  use_case: z.string().optional(),
  /** Grants broad access (whole mailbox, every repository, admin): registration warns about it. */
  broad: z.boolean().optional(),
});
export type TemplateScope = z.infer<typeof templateScopeSchema>;

export const scopeBundleSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string().optional(),
  scopes: z.array(z.string()),
});

/** A per-account part of the template's URLs, written `${connectionConfig.NAME}` in them. */
export const connectionConfigFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  example: z.string().optional(),
  /** A regular expression the value must match. */
  pattern: z.string().optional(),
  /** True when the template's URLs or parameters use it (registration then needs a value). */
  required: z.boolean(),
});
export type ConnectionConfigFieldView = z.infer<typeof connectionConfigFieldSchema>;

/** GET /api/v1/oauth/templates/{type}: one template, every field of the catalogue's ProviderTemplate. */
export const providerTemplateSchema = z.object({
  type: z.string(),
  display_name: z.string(),
  tier: templateTierSchema,
  category: z.string().optional(),
  /** May hold `${connectionConfig.NAME}` placeholders, filled from configuration.connection_config. */
  authorize_url: z.string(),
  token_url: z.string(),
  revocation: templateRevocationSchema,
  userinfo_url: z.string().optional(),
  /** OpenID Connect issuer, when the provider is an OP (ID tokens are then validated against it). */
  issuer: z.string().optional(),
  /** RFC 9207: the provider sends `iss` on every authorization response. */
  iss_parameter_supported: z.boolean().optional(),
  scope_separator: z.enum([" ", ",", "+"]),
  default_scopes: z.array(z.string()),
  authorization_params: z.record(z.string(), z.string()),
  token_params: z.record(z.string(), z.string()),
  token_headers: z.record(z.string(), z.string()).optional(),
  token_auth_method: z.enum(["client_secret_post", "client_secret_basic"]),
  pkce: z.boolean(),
  connection_config: z.array(connectionConfigFieldSchema),
  /** Same rule as the summary's. */
  configurable_host: z.boolean(),
  api_base_url: z.string().optional(),
  /** Where the proxy puts the token on api_base_url calls, when not Authorization: Bearer (Shopify: X-Shopify-Access-Token, no scheme). */
  api_token_header: z.object({ name: z.string(), scheme: z.string().optional() }).optional(),
  /** Headers the proxy adds to api_base_url calls unless the caller sends its own; `${clientId}` is the authenticator's client id. */
  api_headers: z.record(z.string(), z.string()).optional(),
  docs_url: z.string().optional(),
  /** Where the developer registers the redirect URI. */
  console_url: z.string().optional(),
  scopes: z.array(templateScopeSchema),
  scope_bundles: z.array(scopeBundleSchema),
  refresh_window_seconds: z.number().int().optional(),
  quirks: z
    .object({
      /** Slack: user scopes go in `user_scope`, and the user token comes back nested in `authed_user`. */
      slack_user_scope: z.boolean().optional(),
      /** GitHub: errors come back with HTTP 200 unless Accept: application/json. */
      errors_with_status_200: z.boolean().optional(),
      /** The token response has no expires_in; tokens do not expire unless the app opts in. */
      non_expiring_tokens: z.boolean().optional(),
    })
    .optional(),
}).meta({ id: "ProviderTemplate" });
export type PublicProviderTemplate = z.infer<typeof providerTemplateSchema>;
