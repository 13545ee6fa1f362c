import "server-only";
import type { AuthenticatorConfiguration } from "../../schemas/authenticators";
import { DEFAULT_API_TOKEN_HEADER } from "../../schemas/proxy-headers";
import { getTemplate, resolveTemplate } from "../../templates/catalog";

/** Where and how the proxy calls an authenticator's provider API. */
export type ProviderApi = {
  /** The API base: the proxy's paths are joined under it, and redirects are followed only inside it. */
  base: string;
  /** The access token's header, lowercase, and its value for a token. */
  tokenHeader: string;
  tokenValue: (token: string) => string;
  /** Headers (lowercase names) the provider needs on every call, unless the caller sends its own. */
  defaults: Record<string, string>;
};

/**
 * The proxy's view of an authenticator, or null when it has no API base:
 * - base: `configuration.api_base_url` when the developer set one (custom providers, GitHub
 *   Enterprise, a regional host), else the template's, with its per-account parts
 *   (`${connectionConfig.subdomain}`) filled in from the configuration. Both were checked against the
 *   address policy at registration (and every connection is checked again when it is made).
 * - the token's header: `configuration.api_token_header`, else the template's (Shopify:
 *   X-Shopify-Access-Token), else `Authorization: Bearer`.
 * - default headers: the template's (Notion-Version; Twitch's Client-Id, `${clientId}` being the
 *   authenticator's public client id).
 */
export function providerApi(authenticatorType: string, configuration: unknown, clientId: string): ProviderApi | null {
  const config = (configuration ?? {}) as AuthenticatorConfiguration;
  const template = getTemplate(authenticatorType);
  const base = config.api_base_url ?? templateApiBase(template, config);
  if (!base) return null;
  const header = config.api_token_header ?? template?.apiTokenHeader ?? DEFAULT_API_TOKEN_HEADER;
  const defaults: Record<string, string> = {};
  for (const [name, value] of Object.entries(template?.apiHeaders ?? {})) defaults[name.toLowerCase()] = value.replaceAll("${clientId}", clientId);
  return {
    base,
    tokenHeader: header.name.toLowerCase(),
    tokenValue: header.scheme ? (token) => `${header.scheme} ${token}` : (token) => token,
    defaults,
  };
}

function templateApiBase(template: ReturnType<typeof getTemplate>, config: AuthenticatorConfiguration): string | null {
  if (!template?.apiBaseUrl) return null;
  try {
    return resolveTemplate(template, config.connection_config ?? {}).apiBaseUrl ?? null;
  } catch {
    return null;
  }
}
