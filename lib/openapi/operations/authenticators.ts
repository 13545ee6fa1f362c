import { z } from "zod";
import {
  authenticatorListSchema, discoveredRegistrationSchema, discoverySchema, listAuthenticatorsQuerySchema, publicAuthenticatorSchema,
  registerAuthenticatorSchema, registeredAuthenticatorSchema, updateAuthenticatorSchema,
} from "../../schemas/authenticators";
import { connectQuerySchema } from "../../schemas/connections";
import type { Operation } from "../operation";
import { CUSTOM_EXAMPLE, GOOGLE_EXAMPLE, MICROSOFT_EXAMPLE } from "../spec-examples";
import { ACTING_APP, APP_ACCESS, authenticatorPath, redirectHeaders } from "./common";

const example = (text: string) => ({ app_id: "email-assistant", ...(JSON.parse(text) as Record<string, unknown>) });
const REGISTRATION_ERRORS = ["authenticator_exists", "invalid_redirect_uri", "invalid_provider_url", "missing_connection_config"] as const;

export const authenticatorOperations: Operation[] = [
  {
    method: "get", path: "/api/v1/oauth/authenticators", operationId: "listAuthenticators", summary: "List authenticators",
    description: "The app's authenticators (never their secrets); disabled ones with include_disabled=true.", tag: "Authenticators", auth: "user", scope: "authenticators:read",
    params: { query: listAuthenticatorsQuerySchema },
    responses: { 200: { description: "The authenticators", schema: authenticatorListSchema } },
    errors: ACTING_APP,
  },
  {
    method: "post", path: "/api/v1/oauth/authenticators", operationId: "registerAuthenticator", summary: "Register an authenticator",
    description:
      "The spec's API: an OAuth client configuration for an app. For a template type (google, microsoft, github, slack, …) the URLs and " +
      "default scopes come from the template; a custom provider needs authorize_url and token_url (or POST /api/v1/oauth/discovery's answer). " +
      "redirect_uri defaults to {APP_URL}/auth/callback/{authenticator_id}; the answer says which to register at the provider.",
    tag: "Authenticators", auth: "user", scope: "authenticators:write",
    body: {
      schema: registerAuthenticatorSchema,
      examples: {
        google: { summary: "Google (the spec's example)", value: example(GOOGLE_EXAMPLE) },
        microsoft: { summary: "Microsoft (the spec's example)", value: example(MICROSOFT_EXAMPLE) },
        custom: { summary: "A custom provider (the spec's example)", value: example(CUSTOM_EXAMPLE) },
      },
    },
    responses: { 201: { description: "Registered", schema: registeredAuthenticatorSchema } },
    errors: [...ACTING_APP, ...REGISTRATION_ERRORS, "authenticator_id_taken", "missing_required_fields", "unknown_authenticator_type"],
  },
  {
    method: "get", path: "/api/v1/oauth/authenticators/{authenticator_id}", operationId: "getAuthenticator", summary: "Get an authenticator",
    tag: "Authenticators", auth: "user", scope: "authenticators:read", params: { path: authenticatorPath },
    responses: { 200: { description: "The authenticator (never its secret)", schema: publicAuthenticatorSchema } },
    errors: ["insufficient_role"],
  },
  {
    method: "patch", path: "/api/v1/oauth/authenticators/{authenticator_id}", operationId: "updateAuthenticator", summary: "Update an authenticator",
    description: "A partial update: send only what changes. A new client_secret rotates it; is_active disables or enables.",
    tag: "Authenticators", auth: "user", scope: "authenticators:write", params: { path: authenticatorPath },
    body: {
      schema: updateAuthenticatorSchema,
      examples: { rotate: { summary: "Rotate the secret and add a scope", value: { client_secret: "GOCSPX-new-secret", scopes: ["openid", "email", "https://www.googleapis.com/auth/calendar.readonly"] } } },
    },
    responses: { 200: { description: "The authenticator", schema: registeredAuthenticatorSchema } },
    errors: ["insufficient_role", ...REGISTRATION_ERRORS, "redirect_uri_mismatch"],
  },
  {
    method: "delete", path: "/api/v1/oauth/authenticators/{authenticator_id}", operationId: "deleteAuthenticator", summary: "Delete an authenticator",
    description: "With its connections (their tokens are revoked at the provider).", tag: "Authenticators", auth: "user", scope: "authenticators:write",
    params: { path: authenticatorPath },
    responses: { 204: { description: "Deleted" } },
    errors: ["insufficient_role"],
  },
  {
    method: "post", path: "/api/v1/oauth/discovery", operationId: "discoverIssuer", summary: "Discover a provider's endpoints",
    description:
      "Reads the issuer's OpenID Connect metadata, else its RFC 8414 metadata, and answers in the registration's shape: add name, " +
      "authenticator_type (custom), client_id, client_secret (and app_id) and POST it to /api/v1/oauth/authenticators. `scopes` is what the " +
      "provider advertises: keep the ones the app needs.",
    tag: "Authenticators", auth: "user", scope: "authenticators:read",
    body: { schema: discoverySchema, examples: { issuer: { summary: "An issuer", value: { issuer: "https://accounts.google.com" } } } },
    responses: {
      200: {
        description: "The endpoints and settings, as a registration",
        schema: discoveredRegistrationSchema,
        example: {
          authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
          token_url: "https://oauth2.googleapis.com/token",
          scopes: ["openid", "email", "profile"],
          configuration: {
            issuer: "https://accounts.google.com",
            revocation_url: "https://oauth2.googleapis.com/revoke",
            userinfo_url: "https://openidconnect.googleapis.com/v1/userinfo",
            authorization_response_iss_parameter_supported: true,
          },
        },
      },
    },
    errors: ["invalid_provider_url", "discovery_failed"],
  },
  {
    method: "get", path: "/api/v1/oauth/connect/{authenticator_id}", operationId: "startConnection", summary: "Connect an account (start the OAuth flow)",
    description:
      "For a browser: 303 to the provider's consent page (state, PKCE and a browser-binding cookie), and back through /auth/callback/{authenticator_id} " +
      "to return_to. A browser that is not signed in is sent to /signin first.",
    tag: "Connections", auth: "user",
    params: { path: authenticatorPath, query: connectQuerySchema.extend({ return_to: z.string().max(4096).optional().describe("A path on this platform to come back to") }) },
    responses: { 303: { description: "To the provider (or to /signin)", headers: redirectHeaders } },
    errors: [...APP_ACCESS, "session_required", "no_scopes"],
  },
  {
    method: "get", path: "/auth/callback/{authenticator_id}", operationId: "completeConnection", summary: "OAuth callback (the spec's redirect URI)",
    description:
      "Where the provider sends the user back with a code (or an error). The code is exchanged, the tokens stored encrypted, and the browser " +
      "sent on with 303: to return_to, /connect/complete for an end user, or /oauth/error?code=… when something failed. Not called by API clients.",
    tag: "Connections", auth: "none",
    params: {
      path: authenticatorPath,
      query: z.looseObject({
        code: z.string().optional(), state: z.string().optional(), iss: z.string().optional(), error: z.string().optional(), error_description: z.string().optional(),
      }),
    },
    responses: { 303: { description: "On to the next page", headers: redirectHeaders } },
    errors: ["rate_limited"],
  },
];
