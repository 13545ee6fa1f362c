import "server-only";
import type { Readable } from "node:stream";
import { PROXY_RESPONSE_HEADER, type ProxyControl, type ProxyMethod } from "../../schemas/proxy";
import { requireScope, type AuthedContext } from "../auth/actor";
import { withConnectUrl } from "../connections/connect-url";
import { forceRefreshedToken, resolveValidToken } from "../connections/get-connection-token";
import { appUrl } from "../env";
import { AppError, ConflictError, ForbiddenError, ValidationError } from "../errors";
import { BlockedAddressError } from "../net/safe-fetch";
import { apiBaseUrl } from "./api-base-url";
import { forwardUpstream, type UpstreamAnswer } from "./forward-upstream";
import { forwardableRequestHeaders, relayableResponseHeaders } from "./proxy-headers";
import { insideApiBase, joinProxyTarget, proxyPathProblem } from "./proxy-path";
import { countProxyCall, statusClass } from "./proxy-usage";
import type { RequestBody } from "./request-body";

export type ProxyInput = {
  authenticatorId: string;
  method: ProxyMethod;
  /** The path after /api/v1/proxy/{authenticator_id}, %-encoded as it arrived ("" or "/…"). */
  path: string;
  /** The query string as it arrived ("" or "?…"): the provider's, untouched. */
  search: string;
  headers: Iterable<[string, string | string[] | undefined]>;
  body: RequestBody;
  control: ProxyControl;
  signal?: AbortSignal;
};

export type ProxyAnswer = { status: number; headers: Record<string, string | string[]>; body: Readable | null };

/**
 * Call the provider's API as a connected user without handing anyone the token: the connection is
 * resolved as for the token endpoint (the caller's own, a member's with user_id, an end user's with
 * end_user_id; refreshed first when due), the request goes to the authenticator's API base with
 * the caller's headers minus its credentials, and the provider's answer streams back as it is.
 * Only the proxy's own failures are errors in the envelope.
 */
export async function proxyRequest({ ctx, input }: { ctx: AuthedContext; input: ProxyInput }): Promise<ProxyAnswer> {
  requireScope(ctx, "proxy");
  if (ctx.actor.via !== "api_key") throw new ForbiddenError("The proxy is for backends and agents: send an API key with the proxy scope", "api_key_required");
  const problem = proxyPathProblem(input.path);
  if (problem) throw new ValidationError(problem, [{ path: "path", message: problem }], "invalid_proxy_path");

  const subject = { appId: input.control.app_id, userId: input.control.user_id, endUserId: input.control.end_user_id, authenticatorId: input.authenticatorId };
  const valid = await resolveValidToken(ctx, subject).catch(async (error: unknown) => {
    throw await withConnectUrl(ctx, subject, error);
  });
  const apiBase = apiBaseUrl(valid.authenticatorType, valid.configuration);
  if (!apiBase) {
    throw new ConflictError(
      `The authenticator "${input.authenticatorId}" has no API base URL: set configuration.api_base_url (PATCH /api/v1/oauth/authenticators/${input.authenticatorId})`,
      "proxy_not_configured",
    );
  }
  const answer = await forward(valid.appId, input, apiBase, valid.token.access_token, () => forceRefreshedToken(valid.grantId));
  return relay(answer, input.authenticatorId, apiBase);
}

/**
 * The network half, shared with the production server's fast path: send, count the call (status
 * class and time to the provider's headers) and turn a provider that cannot be reached into the envelope.
 */
export async function forward(appId: string, input: ProxyInput, apiBase: string, token: string, refresh: (() => Promise<string>) | null): Promise<UpstreamAnswer> {
  const started = performance.now();
  try {
    const answer = await forwardUpstream({
      url: joinProxyTarget(apiBase, input.path, input.search), apiBase, method: input.method, headers: forwardableRequestHeaders(input.headers),
      body: input.body, token, refresh, retries: input.control.retries, retryUnsafe: input.control.retry_unsafe, signal: input.signal,
    });
    countProxyCall(appId, input.authenticatorId, statusClass(answer.status), performance.now() - started);
    return answer;
  } catch (error) {
    countProxyCall(appId, input.authenticatorId, "failed", performance.now() - started);
    throw upstreamFailure(error, apiBase);
  }
}

/** The provider's answer as the caller gets it: its status and body, its headers minus what belongs to its host, and ours. */
export function relay(answer: UpstreamAnswer, authenticatorId: string, apiBase: string): ProxyAnswer {
  const headers = relayableResponseHeaders(Object.entries(answer.headers));
  const location = headers.location;
  if (typeof location === "string") {
    // A redirect the proxy did not follow, inside the API base: point it back through the proxy.
    const target = new URL(location, answer.url);
    if (insideApiBase(apiBase, target)) {
      const basePath = new URL(apiBase).pathname.replace(/\/+$/, "");
      headers.location = `${appUrl()}/api/v1/proxy/${authenticatorId}${target.pathname.slice(basePath.length)}${target.search}`;
    }
  }
  headers[PROXY_RESPONSE_HEADER.proxied] = "true";
  headers[PROXY_RESPONSE_HEADER.attempts] = String(answer.attempts);
  return { status: answer.status, headers, body: answer.body };
}

function upstreamFailure(error: unknown, apiBase: string): unknown {
  if (error instanceof AppError) return error;
  const host = new URL(apiBase).host;
  if (error instanceof BlockedAddressError) {
    return new ValidationError(`The provider API ${error.message}; the proxy does not send tokens there`, [{ path: "api_base_url", message: error.message }], "invalid_provider_url");
  }
  const name = (error as Error)?.name;
  const code = (error as { code?: string })?.code ?? "";
  if (name === "AbortError" && !code) return error; // the caller went away: nobody to answer
  const timedOut = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT" || name === "TimeoutError";
  const failure = new AppError(timedOut ? 504 : 502, "provider_unavailable", timedOut ? `${host} did not answer in time` : `Could not reach ${host}${code ? ` (${code})` : ""}`);
  return failure;
}
