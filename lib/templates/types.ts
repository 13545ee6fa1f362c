// Client-safe types of the in-code provider template catalogue (camelCase TypeScript). Over HTTP
// templates travel in snake_case: lib/schemas/templates.ts.

/** The authenticator type for providers outside the catalogue; it has no template. */
export const CUSTOM_TYPE = "custom";

/** How the platform revokes a grant at the provider on disconnect. */
export type RevocationStyle =
  | { kind: "rfc7009"; url: string }
  | { kind: "google"; url: string }
  | { kind: "github"; apiBaseUrl?: string } // DELETE {apiBaseUrl ?? https://api.github.com}/applications/{client_id}/token, basic auth
  | { kind: "slack"; url: string } // auth.revoke with the token
  | { kind: "none" };

export type TemplateScope = {
  name: string;
  description: string;
  useCase?: string;
  /** Grants broad access (whole mailbox, every repository, admin): registration warns about it. */
  broad?: boolean;
};

export type ScopeBundle = { id: string; label: string; description?: string; scopes: string[] };

/** A per-account part of a URL, written `${connectionConfig.NAME}` in the template's URLs. */
export type ConnectionConfigField = { name: string; label: string; example?: string; pattern?: string };

export type ProviderTemplate = {
  /** The `authenticator_type` value, lowercase: "google", "microsoft", "github", "slack", … */
  type: string;
  displayName: string;
  /** first-class: checked against the provider's docs with scope catalogue; verified: endpoints checked; community: from reference data. */
  tier: "first-class" | "verified" | "community";
  category?: string;
  authorizeUrl: string;
  tokenUrl: string;
  revocation: RevocationStyle;
  userinfoUrl?: string;
  /** OpenID Connect issuer, when the provider is an OP (ID tokens are then validated against it). */
  issuer?: string;
  /** RFC 9207: the provider advertises authorization_response_iss_parameter_supported (a callback without `iss` is refused). */
  issParameterSupported?: boolean;
  scopeSeparator: " " | "," | "+";
  defaultScopes: string[];
  /** Extra authorize-request parameters (Google: access_type=offline, prompt=consent). */
  authorizationParams: Record<string, string>;
  /** Extra token-request parameters. */
  tokenParams: Record<string, string>;
  /** Extra headers on token requests (GitHub: Accept: application/json). */
  tokenHeaders?: Record<string, string>;
  tokenAuthMethod: "client_secret_post" | "client_secret_basic";
  /** False where the provider rejects or mishandles PKCE parameters. */
  pkce: boolean;
  connectionConfig: ConnectionConfigField[];
  apiBaseUrl?: string;
  /** Where the proxy puts the access token on apiBaseUrl calls (default Authorization: Bearer; Shopify: X-Shopify-Access-Token, bare). */
  apiTokenHeader?: { name: string; scheme?: string };
  /** Headers the proxy adds to apiBaseUrl calls unless the caller sends its own (Notion: Notion-Version). Never a secret. */
  apiHeaders?: Record<string, string>;
  docsUrl?: string;
  /** Where the developer registers the redirect URI. */
  consoleUrl?: string;
  scopes: TemplateScope[];
  scopeBundles: ScopeBundle[];
  /** Refresh this long before expiry (default 300 s). */
  refreshWindowSeconds?: number;
  /** Provider quirks the OAuth adapter must handle. */
  quirks?: {
    /** Slack: user scopes go in `user_scope`, and the user token comes back nested in `authed_user`. */
    slackUserScope?: boolean;
    /** GitHub: errors come back with HTTP 200 and form encoding unless Accept: application/json. */
    errorsWithStatus200?: boolean;
    /** Token response has no expires_in; tokens do not expire unless the app opts in. */
    nonExpiringTokens?: boolean;
  };
};
