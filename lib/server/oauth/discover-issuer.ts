import "server-only";
import * as oauth from "oauth4webapi";
import type { DiscoveredRegistration } from "../../schemas/authenticators";
import { requireScope, type AuthedContext } from "../auth/actor";
import { UpstreamError, ValidationError } from "../errors";
import { loopbackProvidersAllowed } from "../net/address-policy";
import { checkProviderUrl } from "../net/check-provider-url";
import { BlockedAddressError, ResponseTooLargeError, safeFetch } from "../net/safe-fetch";
import { hit } from "../rate-limit/limit";
import { oauthDebug, tracedFetch } from "./debug-log";

/** All the time one discovery may take, both metadata documents together. */
export const DISCOVERY_BUDGET_MS = 10_000;


/**
 * Fill a custom authenticator's endpoints from its issuer: OpenID Connect discovery first, then
 * RFC 8414. oauth4webapi checks that the document's issuer is exactly the one asked for; safeFetch
 * applies the address policy and the body cap, and follows no redirects. One deadline covers both
 * attempts, so an issuer that never answers costs the budget once, not once per document.
 */
export async function discoverIssuer({ ctx, input, budgetMs = DISCOVERY_BUDGET_MS }: { ctx: AuthedContext; input: { issuer: string }; budgetMs?: number }): Promise<DiscoveredRegistration> {
  requireScope(ctx, "authenticators:read");
  // Each discovery costs DNS lookups and up to two outbound fetches: limited per user.
  await hit("discovery_caller", `user:${ctx.actor.userId}`);
  const deadline = AbortSignal.timeout(budgetMs);
  const check = await checkProviderUrl(input.issuer);
  if (!check.ok) throw new ValidationError(`issuer ${check.reason}`, [{ path: "issuer", message: `issuer ${check.reason}` }], "invalid_provider_url");
  const issuer = new URL(input.issuer);
  const options = {
    [oauth.customFetch]: tracedFetch(safeFetch, "discovery_response", { issuer: issuer.href }),
    [oauth.allowInsecureRequests]: issuer.protocol === "http:" && loopbackProvidersAllowed(),
    signal: deadline,
  };

  let lastError = "";
  for (const algorithm of ["oidc", "oauth2"] as const) {
    let response: Response | undefined;
    const source = algorithm === "oidc" ? "openid-configuration" : "oauth-authorization-server";
    oauthDebug("discovery_request", () => ({ issuer: issuer.href, document: source }));
    try {
      response = await oauth.discoveryRequest(issuer, { ...options, algorithm });
      const as = await oauth.processDiscoveryResponse(issuer, response);
      if (!as.authorization_endpoint || !as.token_endpoint) {
        lastError = "the metadata has no authorization_endpoint or token_endpoint";
        oauthDebug("discovery_result", () => ({ issuer: issuer.href, document: source, outcome: "failed", error: lastError }));
        continue;
      }
      oauthDebug("discovery_result", () => ({
        issuer: issuer.href, document: source, outcome: "found", authorize_url: as.authorization_endpoint, token_url: as.token_endpoint,
        revocation_url: as.revocation_endpoint ?? null, scopes_supported: as.scopes_supported?.length ?? 0,
      }));
      return asRegistration(as, as.authorization_endpoint, as.token_endpoint);
    } catch (error) {
      lastError = describe(error, deadline, budgetMs);
      oauthDebug("discovery_result", () => ({ issuer: issuer.href, document: source, outcome: "failed", error: lastError }));
      // The second document lives on the same host: after a refused address, an oversized answer or
      // a spent budget it could only fail the same way, so it is not asked for.
      if (deadline.aborted || causes(error).some((e) => e instanceof ResponseTooLargeError || e instanceof BlockedAddressError)) break;
    } finally {
      // A body oauth4webapi did not read (a 404, a redirect) would otherwise hold its connection open.
      if (response && !response.bodyUsed) await response.body?.cancel().catch(() => {});
    }
  }
  throw new UpstreamError(`Discovery failed for ${issuer.href}: ${lastError}`, "discovery_failed");
}

/**
 * The metadata in the registration's shape (the answer plus name, type and client credentials is a
 * valid POST /api/v1/oauth/authenticators body): the advertised scopes within the registration's
 * limits, and only the settings that differ from the platform's defaults (PKCE with S256, secrets
 * sent in the body).
 */
function asRegistration(as: oauth.AuthorizationServer, authorizeUrl: string, tokenUrl: string): DiscoveredRegistration {
  const methods = as.code_challenge_methods_supported;
  const auth = as.token_endpoint_auth_methods_supported;
  return {
    authorize_url: authorizeUrl,
    token_url: tokenUrl,
    scopes: [...new Set(as.scopes_supported ?? [])].filter((s) => s.length > 0 && s.length <= 512 && !/\s/.test(s)).slice(0, 100),
    configuration: {
      issuer: as.issuer,
      ...(as.revocation_endpoint ? { revocation_url: as.revocation_endpoint } : {}),
      ...(as.userinfo_endpoint ? { userinfo_url: as.userinfo_endpoint } : {}),
      authorization_response_iss_parameter_supported: as.authorization_response_iss_parameter_supported === true,
      ...(methods?.length && !methods.includes("S256") ? { pkce: false as const } : {}),
      ...(auth?.length && !auth.includes("client_secret_post") && auth.includes("client_secret_basic") ? { token_auth_method: "client_secret_basic" as const } : {}),
    },
  };
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 5; e = e instanceof Error ? e.cause : undefined) chain.push(e);
  return chain;
}

function describe(error: unknown, deadline: AbortSignal, budgetMs: number): string {
  if (deadline.aborted) return `timed out: the issuer did not answer within ${budgetMs / 1000} s`;
  const known = causes(error).find((e) => e instanceof ResponseTooLargeError || e instanceof BlockedAddressError);
  if (known instanceof Error) return known.message;
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.JSON_ATTRIBUTE_COMPARISON) {
    return "the document's issuer does not match the issuer asked for";
  }
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError) return error.message;
  if (error instanceof Error && error.name === "TimeoutError") return "timed out: the issuer did not answer in time";
  return error instanceof Error ? error.message : String(error);
}
