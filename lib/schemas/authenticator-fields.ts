import { z } from "zod";
import { CUSTOM_TYPE } from "../templates/types";
import { appIdSchema } from "./apps";
import { proxyDropsRequestHeader } from "./proxy-headers";

export { authenticatorIdSchema } from "./common";

// Client-safe and light: the one definition of an authenticator registration, read by the web form,
// the route handlers, the SDK and the `fiber` CLI (which validates config files before sending them).
// Which authenticator types exist is the catalogue's to say, and the catalogue is too heavy for the
// browser: ./authenticators.ts applies these rules with the catalogue (server, CLI), the web form
// with the list of types the templates API gave it.

export const REQUIRED_FIELDS = ["name", "authenticator_type", "client_id", "client_secret"] as const;

/** Scopes as an array or a comma/space separated string; trimmed, empties dropped, duplicates removed in order. */
export function normalizeScopes(input: string | readonly string[]): string[] {
  const parts = typeof input === "string" ? input.split(/[\s,]+/) : input.flatMap((s) => s.split(/\s+/));
  return [...new Set(parts.map((s) => s.trim()).filter(Boolean))];
}

const scopesSchema = z
  .union([z.string(), z.array(z.string({ error: "Each scope must be a string" }))], {
    error: "scopes must be an array of strings or a comma/space separated string",
  })
  .transform((value) => normalizeScopes(value))
  .pipe(z.array(z.string().max(512)).max(100, { error: "At most 100 scopes" }));

const urlString = (field: string) =>
  z.string({ error: `${field} must be a string` }).trim().min(1).max(2048).url({ error: `${field} must be an absolute URL` });

const stringMap = z.record(z.string().max(100), z.string().max(2000));

// RFC 9110 §5.6.2: a header name, and an auth-scheme, are tokens.
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Where the proxy puts the access token on provider API calls, for APIs that do not take
 * `Authorization: Bearer`: `{ "name": "X-Shopify-Access-Token" }` sends the bare token in that
 * header; `{ "name": "Authorization", "scheme": "token" }` sends `Authorization: token …`. Never a
 * value: the token is the only thing it sends, so there is no place here to paste a secret.
 */
export const apiTokenHeaderSchema = z.strictObject({
  name: z
    .string({ error: "api_token_header.name must be a string" })
    .max(64)
    .regex(HTTP_TOKEN, { error: "api_token_header.name must be an HTTP header name" })
    .refine((name) => name.toLowerCase() === "authorization" || !proxyDropsRequestHeader(name.toLowerCase()), {
      error: "api_token_header.name must be Authorization or a header the proxy forwards (not Cookie, Host, a hop-by-hop or a fiberwise-* header)",
    }),
  scheme: z.string().max(32).regex(HTTP_TOKEN, { error: "api_token_header.scheme must be a single word, such as Bearer or token" }).optional(),
});
export type ApiTokenHeader = z.infer<typeof apiTokenHeaderSchema>;

/** Extra settings. Strict, so that a misspelt key is an error rather than silently ignored. */
export const configurationSchema = z.strictObject({
  /** Values for the template's `${connectionConfig.NAME}` URL parts, e.g. { "shop": "acme" }. */
  connection_config: z.record(z.string().max(64), z.string().max(253)).optional(),
  authorization_params: stringMap.optional(),
  token_params: stringMap.optional(),
  scope_separator: z.enum([" ", ",", "+"]).optional(),
  pkce: z.boolean().optional(),
  token_auth_method: z.enum(["client_secret_post", "client_secret_basic"]).optional(),
  revocation_url: urlString("revocation_url").optional(),
  userinfo_url: urlString("userinfo_url").optional(),
  issuer: urlString("issuer").optional(),
  /** Where the provider's API lives, for the proxy (templates bring their own; set it for custom providers). */
  api_base_url: urlString("api_base_url").optional(),
  /** Where the proxy puts the token (default `Authorization: Bearer`; templates bring their own). */
  api_token_header: apiTokenHeaderSchema.optional(),
  /** RFC 9207: the provider always sends `iss` on its authorization responses (from its metadata). */
  authorization_response_iss_parameter_supported: z.boolean().optional(),
  refresh_window_seconds: z.number().int().min(0).max(86_400).optional(),
  description: z.string().max(500).optional(),
});
export type AuthenticatorConfiguration = z.infer<typeof configurationSchema>;

const base = {
  name: z.string({ error: "name must be a string" }).trim().min(1, { error: "name must not be empty" }).max(100),
  client_id: z.string({ error: "client_id must be a string" }).trim().min(1, { error: "client_id must not be empty" }).max(512),
  client_secret: z.string({ error: "client_secret must be a string" }).min(1, { error: "client_secret must not be empty" }).max(4096),
  scopes: scopesSchema.optional(),
  authorize_url: urlString("authorize_url").optional(),
  token_url: urlString("token_url").optional(),
  redirect_uri: urlString("redirect_uri").optional(),
  configuration: configurationSchema.optional(),
};

/** The issue message of an authenticator_type that is neither a template nor "custom". */
export const UNKNOWN_TYPE = "Unknown authenticator_type";

/**
 * The registration body's rules, given which authenticator types exist (besides "custom"). Every
 * rule lives here; only the list of known types differs between the server and the browser.
 */
export function registrationSchema(isKnownType: (type: string) => boolean) {
  return z
    .strictObject({
      ...base,
      authenticator_type: z
        .string({ error: "authenticator_type must be a string" })
        .trim()
        .toLowerCase()
        .refine((t) => t === CUSTOM_TYPE || isKnownType(t), { error: UNKNOWN_TYPE }),
      app_id: z.string().trim().min(1).max(48).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.authenticator_type !== CUSTOM_TYPE) return;
      for (const field of ["authorize_url", "token_url"] as const) {
        if (!value[field]) ctx.addIssue({ code: "custom", path: [field], message: `${field} is required for a custom authenticator` });
      }
    });
}
export type RegisterAuthenticatorInput = z.infer<ReturnType<typeof registrationSchema>>;

export const updateAuthenticatorSchema = z.strictObject({
  ...base,
  name: base.name.optional(),
  client_id: base.client_id.optional(),
  client_secret: base.client_secret.optional(),
  is_active: z.boolean({ error: "is_active must be true or false" }).optional(),
});
export type UpdateAuthenticatorInput = z.infer<typeof updateAuthenticatorSchema>;

export const discoverySchema = z.strictObject({ issuer: urlString("issuer") });

/** Something about a registration worth a second look (it was saved anyway). */
export const authenticatorWarningSchema = z
  .object({
    code: z.enum(["unresolved_host", "broad_scope"]),
    message: z.string(),
    scope: z.string().optional(),
    field: z.string().optional(),
  })
  .meta({ id: "AuthenticatorWarning" });
export type AuthenticatorWarning = z.infer<typeof authenticatorWarningSchema>;

/** An authenticator as every read answers it. The client secret itself never leaves the server. */
export const publicAuthenticatorSchema = z
  .object({
    authenticator_id: z.string(),
    app_id: z.string(),
    name: z.string(),
    authenticator_type: z.string(),
    client_id: z.string(),
    client_secret_set: z.literal(true),
    /** The secret's last characters (…abcd), fewer for short secrets, none for very short ones. */
    client_secret_hint: z.string().nullable(),
    /** scrypt$N$r$p$salt$hash of the secret (lib/schemas/secret-fingerprint.ts), to compare a secret without reading it back; null when it was set before fingerprints existed. */
    client_secret_fingerprint: z.string().nullable(),
    scopes: z.array(z.string()),
    authorize_url: z.string(),
    token_url: z.string(),
    redirect_uri: z.string(),
    configuration: configurationSchema,
    is_active: z.boolean(),
    connections_count: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Authenticator" });
export type PublicAuthenticator = z.infer<typeof publicAuthenticatorSchema>;

/** POST (201) and PATCH answers: the authenticator and what is worth a second look. */
export const registeredAuthenticatorSchema = publicAuthenticatorSchema
  .extend({ warnings: z.array(authenticatorWarningSchema) })
  .meta({ id: "RegisteredAuthenticator" });
export type RegisteredAuthenticator = z.infer<typeof registeredAuthenticatorSchema>;

export const authenticatorListSchema = z.object({ authenticators: z.array(publicAuthenticatorSchema) });

/**
 * POST /api/v1/oauth/discovery: what the issuer's metadata says, in the registration's own shape, so
 * that the answer plus name, authenticator_type ("custom"), client_id and client_secret (and app_id)
 * is a valid POST /api/v1/oauth/authenticators body. `scopes` is what the provider advertises
 * (scopes_supported): keep the ones the app needs.
 */
export const discoveredRegistrationSchema = z
  .object({
    authorize_url: z.string(),
    token_url: z.string(),
    scopes: z.array(z.string()),
    configuration: z.object({
      issuer: z.string(),
      revocation_url: z.string().optional(),
      userinfo_url: z.string().optional(),
      authorization_response_iss_parameter_supported: z.boolean(),
      /** false only when the metadata lists PKCE methods without S256. */
      pkce: z.literal(false).optional(),
      /** client_secret_basic only when the metadata lists it and not client_secret_post (the platform's default). */
      token_auth_method: z.literal("client_secret_basic").optional(),
    }),
  })
  .meta({ id: "DiscoveredRegistration" });
export type DiscoveredRegistration = z.infer<typeof discoveredRegistrationSchema>;

export const listAuthenticatorsQuerySchema = z.object({
  app_id: z.string().trim().min(1).max(48).optional(),
  include_disabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

/** Settings → OAuth Authenticators: ?tab=manage|connections&app_id=… (a bad value falls back). */
export const authenticatorsPageQuerySchema = z.object({
  tab: z.enum(["manage", "connections"]).default("manage"),
  app_id: appIdSchema.optional(),
});

export { templatesQuerySchema } from "./templates";
