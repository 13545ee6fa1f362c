import { z } from "zod";

// Client-safe: the provider template catalogue as GET /api/v1/oauth/templates and /{type} answer it
// (snake_case of lib/templates/types.ts).

export const TEMPLATE_TIERS = ["first-class", "verified", "community"] as const;

export const templatesQuerySchema = z.object({
  q: z.string().max(100).optional().describe("Search the type and display name"),
  tier: z.string().max(32).optional().describe("first-class, verified or community"),
});

/** One entry of the catalogue list. */
export const templateSummarySchema = z
  .object({
    type: z.string().describe("The authenticator_type value"),
    display_name: z.string(),
    tier: z.enum(TEMPLATE_TIERS),
    category: z.string().optional(),
    /** Names of the per-account URL parts (`${connectionConfig.NAME}`) a registration must fill. */
    connection_config: z.array(z.string()),
    scope_count: z.number().int(),
    configurable_host: z.boolean(),
  })
  .meta({ id: "TemplateSummary" });
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const templateListSchema = z.object({ templates: z.array(templateSummarySchema) });

const revocationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rfc7009"), url: z.string() }),
  z.object({ kind: z.literal("google"), url: z.string() }),
  z.object({ kind: z.literal("github"), api_base_url: z.string().optional() }),
  z.object({ kind: z.literal("slack"), url: z.string() }),
  z.object({ kind: z.literal("none") }),
]);

/** One template with its endpoints, scope catalogue and bundles. */
export const providerTemplateSchema = z
  .object({
    type: z.string(),
    display_name: z.string(),
    tier: z.enum(TEMPLATE_TIERS),
    category: z.string().optional(),
    authorize_url: z.string(),
    token_url: z.string(),
    revocation: revocationSchema,
    userinfo_url: z.string().optional(),
    issuer: z.string().optional(),
    iss_parameter_supported: z.boolean().optional(),
    scope_separator: z.enum([" ", ",", "+"]),
    default_scopes: z.array(z.string()),
    authorization_params: z.record(z.string(), z.string()),
    token_params: z.record(z.string(), z.string()),
    token_headers: z.record(z.string(), z.string()).optional(),
    token_auth_method: z.enum(["client_secret_post", "client_secret_basic"]),
    pkce: z.boolean(),
    connection_config: z.array(z.object({ name: z.string(), label: z.string(), example: z.string().optional(), pattern: z.string().optional() })),
    api_base_url: z.string().optional(),
    docs_url: z.string().optional(),
    console_url: z.string().optional(),
    scopes: z.array(z.object({ name: z.string(), description: z.string(), use_case: z.string().optional(), broad: z.boolean().optional() })),
    scope_bundles: z.array(z.object({ id: z.string(), label: z.string(), description: z.string().optional(), scopes: z.array(z.string()) })),
    refresh_window_seconds: z.number().int().optional(),
    quirks: z.object({ slack_user_scope: z.boolean().optional(), errors_with_status_200: z.boolean().optional(), non_expiring_tokens: z.boolean().optional() }).optional(),
  })
  .meta({ id: "ProviderTemplate" });
export type ProviderTemplateView = z.infer<typeof providerTemplateSchema>;
