import "server-only";
import * as oauth from "oauth4webapi";
import type { AuthenticatorConfiguration } from "../../schemas/authenticators";
import { getTemplate, resolveTemplate } from "../../templates/catalog";
import type { ProviderTemplate, RevocationStyle } from "../../templates/types";
import { decryptSecret } from "../crypto/encryption";
import { loopbackProvidersAllowed } from "../net/address-policy";
import { safeFetch } from "../net/safe-fetch";
import { refreshWindowSeconds } from "../policy/refresh-window";

/** Everything the protocol adapter needs about one authenticator: its row, its template, its overrides. */
export type ProviderSettings = {
  authenticatorId: string;
  appId: string;
  type: string;
  name: string;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  redirectUri: string;
  scopes: string[];
  scopeSeparator: string;
  pkce: boolean;
  authorizationParams: Record<string, string>;
  tokenParams: Record<string, string>;
  tokenHeaders: Record<string, string>;
  tokenAuthMethod: "client_secret_post" | "client_secret_basic";
  /** Known issuer (OIDC / RFC 9207); undefined when the provider has none or it varies (Microsoft common). */
  issuer?: string;
  /** RFC 9207: the provider says it always sends `iss`; a callback without one is refused. */
  issParameterSupported: boolean;
  revocation: RevocationStyle;
  refreshWindowSeconds: number;
  quirks: NonNullable<ProviderTemplate["quirks"]>;
};

export type AuthenticatorRow = {
  authenticatorId: string; appId: string; authenticatorType: string; authenticatorName: string; clientId: string;
  clientSecret: string; authorizeUrl: string; tokenUrl: string; redirectUri: string; scopes: unknown; configuration: unknown;
};

export function providerSettings(row: AuthenticatorRow): ProviderSettings {
  const config = (row.configuration ?? {}) as AuthenticatorConfiguration;
  const raw = getTemplate(row.authenticatorType);
  // Per-account parts (Okta domain, Auth0 tenant, Shopify shop) filled in: issuer, revocation URL, parameters.
  const template = raw && resolveTemplate(raw, config.connection_config ?? {});
  const revocation: RevocationStyle = config.revocation_url
    ? { kind: "rfc7009", url: config.revocation_url }
    : (template?.revocation ?? { kind: "none" });
  return {
    authenticatorId: row.authenticatorId,
    appId: row.appId,
    type: row.authenticatorType,
    name: row.authenticatorName,
    clientId: row.clientId,
    clientSecret: decryptSecret(row.clientSecret, { table: "oauth_authenticators", rowId: row.authenticatorId, field: "client_secret" }),
    authorizeUrl: row.authorizeUrl,
    tokenUrl: row.tokenUrl,
    redirectUri: row.redirectUri,
    scopes: (row.scopes as string[]) ?? [],
    scopeSeparator: config.scope_separator ?? template?.scopeSeparator ?? " ",
    pkce: config.pkce ?? template?.pkce ?? true,
    authorizationParams: { ...template?.authorizationParams, ...config.authorization_params },
    tokenParams: { ...template?.tokenParams, ...config.token_params },
    tokenHeaders: { accept: "application/json", ...template?.tokenHeaders },
    tokenAuthMethod: config.token_auth_method ?? template?.tokenAuthMethod ?? "client_secret_post",
    issuer: config.issuer ?? template?.issuer,
    issParameterSupported: config.authorization_response_iss_parameter_supported ?? template?.issParameterSupported ?? false,
    revocation,
    refreshWindowSeconds: refreshWindowSeconds(row.authenticatorType, config),
    quirks: template?.quirks ?? {},
  };
}

/** oauth4webapi's view of the provider. Without a known issuer, the token endpoint's origin stands in. */
export function authorizationServer(s: ProviderSettings): oauth.AuthorizationServer {
  return {
    issuer: s.issuer ?? new URL(s.tokenUrl).origin,
    authorization_endpoint: s.authorizeUrl,
    token_endpoint: s.tokenUrl,
    // oauth4webapi then refuses a callback without `iss` (RFC 9207 §2.4), and compares it when present.
    authorization_response_iss_parameter_supported: !!s.issuer && s.issParameterSupported,
    ...(s.revocation.kind === "rfc7009" ? { revocation_endpoint: s.revocation.url } : {}),
  };
}

export function oauthClient(s: ProviderSettings): oauth.Client {
  return { client_id: s.clientId };
}

export function clientAuth(s: ProviderSettings): oauth.ClientAuth {
  return s.tokenAuthMethod === "client_secret_basic" ? oauth.ClientSecretBasic(s.clientSecret) : oauth.ClientSecretPost(s.clientSecret);
}

/** Options for every oauth4webapi request: our guarded fetch, and http only for allowed loopback providers. */
export function requestOptions(s: ProviderSettings, fetchImpl: typeof safeFetch = safeFetch) {
  return {
    [oauth.customFetch]: fetchImpl,
    [oauth.allowInsecureRequests]: new URL(s.tokenUrl).protocol === "http:" && loopbackProvidersAllowed(),
  };
}
