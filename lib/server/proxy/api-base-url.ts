import "server-only";
import type { AuthenticatorConfiguration } from "../../schemas/authenticators";
import { getTemplate, resolveTemplate } from "../../templates/catalog";

/**
 * Where an authenticator's provider API lives, for the proxy: `configuration.api_base_url` when the
 * developer set one (custom providers, GitHub Enterprise, a regional host), else the template's,
 * with its per-account parts (`${connectionConfig.subdomain}`) filled in from the configuration.
 * Null when neither says. Both were checked against the address policy at registration (and every
 * connection is checked again when it is made).
 */
export function apiBaseUrl(authenticatorType: string, configuration: unknown): string | null {
  const config = (configuration ?? {}) as AuthenticatorConfiguration;
  if (config.api_base_url) return config.api_base_url;
  const template = getTemplate(authenticatorType);
  if (!template?.apiBaseUrl) return null;
  try {
    return resolveTemplate(template, config.connection_config ?? {}).apiBaseUrl ?? null;
  } catch {
    return null;
  }
}
