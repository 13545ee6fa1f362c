import * as oauth from "oauth4webapi";
import { requireScope, type AuthedContext } from "../auth/actor";
import { UpstreamError, ValidationError } from "../errors";
import { loopbackProvidersAllowed } from "../net/address-policy";
import { checkProviderUrl } from "../net/check-provider-url";
import { safeFetch } from "../net/safe-fetch";
import { hit } from "../rate-limit/limit";

export type DiscoveredEndpoints = {
  issuer: string;
  source: "openid-configuration" | "oauth-authorization-server";
  authorize_url: string;
  token_url: string;
  revocation_url: string | null;
  userinfo_url: string | null;
  scopes_supported: string[];
  code_challenge_methods_supported: string[];
  token_endpoint_auth_methods_supported: string[];
};

/**
 * Fill a custom authenticator's endpoints from its issuer: OpenID Connect discovery first, then
 * RFC 8414. oauth4webapi checks that the document's issuer is exactly the one asked for; safeFetch
 * applies the address policy, a timeout, and follows no redirects.
 */
export async function discoverIssuer({ ctx, input }: { ctx: AuthedContext; input: { issuer: string } }): Promise<DiscoveredEndpoints> {
  requireScope(ctx, "authenticators:read");
  // Each discovery costs DNS lookups and up to two outbound fetches: limited per user.
  await hit("discovery_caller", `user:${ctx.actor.userId}`);
  const check = await checkProviderUrl(input.issuer);
  if (!check.ok) throw new ValidationError(`issuer ${check.reason}`, [{ path: "issuer", message: `issuer ${check.reason}` }], "invalid_provider_url");
  const issuer = new URL(input.issuer);
  const options = { [oauth.customFetch]: safeFetch, [oauth.allowInsecureRequests]: issuer.protocol === "http:" && loopbackProvidersAllowed() };

  let lastError = "";
  for (const algorithm of ["oidc", "oauth2"] as const) {
    try {
      const response = await oauth.discoveryRequest(issuer, { ...options, algorithm });
      const as = await oauth.processDiscoveryResponse(issuer, response);
      if (!as.authorization_endpoint || !as.token_endpoint) {
        lastError = "the metadata has no authorization_endpoint or token_endpoint";
        continue;
      }
      return {
        issuer: as.issuer,
        source: algorithm === "oidc" ? "openid-configuration" : "oauth-authorization-server",
        authorize_url: as.authorization_endpoint,
        token_url: as.token_endpoint,
        revocation_url: as.revocation_endpoint ?? null,
        userinfo_url: as.userinfo_endpoint ?? null,
        scopes_supported: as.scopes_supported ?? [],
        code_challenge_methods_supported: as.code_challenge_methods_supported ?? [],
        token_endpoint_auth_methods_supported: as.token_endpoint_auth_methods_supported ?? [],
      };
    } catch (error) {
      lastError = describe(error);
    }
  }
  throw new UpstreamError(`Discovery failed for ${issuer.href}: ${lastError}`, "discovery_failed");
}

function describe(error: unknown): string {
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.JSON_ATTRIBUTE_COMPARISON) {
    return "the document's issuer does not match the issuer asked for";
  }
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError) return error.message;
  if (error instanceof Error && error.name === "TimeoutError") return "the issuer did not answer in time";
  return error instanceof Error ? error.message : String(error);
}
