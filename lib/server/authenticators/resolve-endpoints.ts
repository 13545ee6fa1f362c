import "server-only";
import type { AuthenticatorConfiguration, AuthenticatorWarning } from "../../schemas/authenticators";
import { broadScopeWarnings, CUSTOM_TYPE, connectionConfigVariables, getTemplate, resolveTemplate, type ProviderTemplate } from "../../templates/catalog";
import type { ErrorDetail } from "../errors";
import { ValidationError } from "../errors";
import { checkProviderUrl } from "../net/check-provider-url";

export type ResolvedEndpoints = {
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  warnings: AuthenticatorWarning[];
};

/**
 * Work out an authenticator's endpoints and scopes: the developer's URLs, else the template's with
 * its per-account parts filled in; then refuse any URL the server must not send secrets to.
 */
export async function resolveEndpoints(input: {
  type: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  scopes?: string[];
  configuration?: AuthenticatorConfiguration;
}): Promise<ResolvedEndpoints> {
  const template = input.type === CUSTOM_TYPE ? undefined : getTemplate(input.type);
  const values = input.configuration?.connection_config ?? {};
  const problems: ErrorDetail[] = [];

  let resolved: ProviderTemplate | undefined;
  if (template) {
    const missing = connectionConfigVariables(template).filter((name) => !values[name]);
    if (missing.length) {
      const labels = missing.map((name) => template.connectionConfig.find((f) => f.name === name)?.label ?? name);
      throw new ValidationError(
        `${template.displayName} needs configuration.connection_config.${missing.join(", ")} (${labels.join(", ")})`,
        missing.map((name) => ({ path: `configuration.connection_config.${name}`, message: "Required by this provider's URLs" })),
        "missing_connection_config",
      );
    }
    try {
      // Fills every per-account part (URLs, issuer, parameters) and checks each value's pattern.
      resolved = resolveTemplate(template, values);
    } catch (error) {
      problems.push({ path: "configuration.connection_config", message: (error as Error).message });
    }
  }
  const authorizeUrl = input.authorizeUrl ?? resolved?.authorizeUrl ?? template?.authorizeUrl ?? "";
  const tokenUrl = input.tokenUrl ?? resolved?.tokenUrl ?? template?.tokenUrl ?? "";
  const scopes = input.scopes ?? template?.defaultScopes ?? [];

  const warnings: ResolvedEndpoints["warnings"] = [];
  const urls: Array<[string, string | undefined]> = [
    ["authorize_url", authorizeUrl],
    ["token_url", tokenUrl],
    ["configuration.revocation_url", input.configuration?.revocation_url],
    ["configuration.userinfo_url", input.configuration?.userinfo_url],
    ["configuration.issuer", input.configuration?.issuer],
    ["configuration.api_base_url", input.configuration?.api_base_url],
  ];
  if (!problems.length) {
    for (const [field, url] of urls) {
      if (!url) continue;
      const check = await checkProviderUrl(url);
      if (!check.ok) problems.push({ path: field, message: `${field} ${check.reason}`, code: "invalid_provider_url" });
      else if (check.warning) warnings.push({ code: "unresolved_host", field, message: check.warning });
    }
  }
  if (problems.length) {
    throw new ValidationError(problems.map((p) => p.message).join("; "), problems, "invalid_provider_url");
  }
  for (const w of broadScopeWarnings(input.type, scopes)) {
    warnings.push({ code: "broad_scope", scope: w.scope, message: `${w.scope}: ${w.reason}. Request only what the app needs.` });
  }
  return { authorizeUrl, tokenUrl, scopes, warnings };
}
