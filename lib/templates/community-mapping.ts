// Maps a row of the reference provider table (as stored in community-data.json) to a template.
// Shared by community.ts and the import-reference.ts generator, so it stays free of node: imports.
import { placeholdersIn } from "./template-url";
import type { ConnectionConfigField, ProviderTemplate } from "./types";

/** One provider from the reference table, as import-reference.ts writes it. */
export type ReferenceRow = {
  key: string;
  displayName: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The raw scope_separator column; "" when blank. */
  scopeSeparator: string;
  defaultScopes: string[];
  authorizationParams: Record<string, string>;
  tokenParams: Record<string, string>;
  disablePkce: boolean;
  apiBaseUrl?: string;
  /** The variables the reference lists for the provider, used or not. */
  connectionConfig: string[];
};

// The platform sets these on every request itself.
const PLATFORM_PARAMS = new Set(["response_type", "grant_type", "redirect_uri", "client_id"]);
// A nonce must be fresh per request: the reference holds constants and a `${random}` placeholder
// that nothing would substitute. Credentials never belong in an authorize URL.
const UNSAFE_PARAMS = new Set(["nonce", "username", "password"]);

export type CleanedParams = { params: Record<string, string>; dropped: string[]; scope?: string };

/** Drops the parameters a template must not carry; a `scope` parameter is returned separately. */
export function cleanParams(raw: Record<string, string>): CleanedParams {
  const carriesCredentials = "username" in raw || "password" in raw;
  const params: Record<string, string> = {};
  const dropped: string[] = [];
  let scope: string | undefined;
  for (const [name, value] of Object.entries(raw)) {
    if (name === "scope") scope = value;
    // Bullhorn's action=Login only means something together with username and password.
    else if (PLATFORM_PARAMS.has(name) || UNSAFE_PARAMS.has(name) || (carriesCredentials && name === "action")) {
      dropped.push(name);
    } else params[name] = value;
  }
  return scope === undefined ? { params, dropped } : { params, dropped, scope };
}

export function normalizeSeparator(raw: string): ProviderTemplate["scopeSeparator"] {
  // A blank column means a space; anything outside the three supported joiners falls back to one.
  return raw === "," || raw === "+" ? raw : " ";
}

const ACRONYMS: Record<string, string> = { api: "API", id: "ID", url: "URL", uuid: "UUID", pbx: "PBX" };

/** "subdomain" → "Subdomain", "portalRoute" → "Portal route", "instance_url" → "Instance URL". */
export function labelFor(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
  const label = words.join(" ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function toCommunityTemplate(row: ReferenceRow): ProviderTemplate {
  const scopeSeparator = normalizeSeparator(row.scopeSeparator);
  const authorize = cleanParams(row.authorizationParams);
  const token = cleanParams(row.tokenParams);
  // A scope hard-coded as an authorize parameter would clash with the scopes the platform sends.
  const paramScopes = (authorize.scope ?? "").split(/[\s,+]+/).filter(Boolean);
  const defaultScopes = [...new Set([...row.defaultScopes, ...paramScopes])];

  const used = [row.authorizationUrl, row.tokenUrl, row.apiBaseUrl ?? "", ...Object.values(authorize.params), ...Object.values(token.params)]
    .flatMap(placeholdersIn);
  const names = [...row.connectionConfig.filter((name) => used.includes(name)), ...used.filter((name) => !row.connectionConfig.includes(name))];
  const connectionConfig: ConnectionConfigField[] = [...new Set(names)].map((name) => ({ name, label: labelFor(name) }));

  return {
    type: row.key,
    displayName: row.displayName,
    tier: "community",
    authorizeUrl: row.authorizationUrl,
    tokenUrl: row.tokenUrl,
    revocation: { kind: "none" },
    scopeSeparator,
    defaultScopes,
    authorizationParams: authorize.params,
    tokenParams: token.params,
    tokenAuthMethod: "client_secret_post",
    pkce: !row.disablePkce,
    connectionConfig,
    ...(row.apiBaseUrl ? { apiBaseUrl: row.apiBaseUrl } : {}),
    scopes: defaultScopes.map((name) => ({ name, description: "Requested by default" })),
    scopeBundles: [],
  };
}
