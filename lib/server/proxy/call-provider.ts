import "server-only";
import { AppError, ValidationError } from "../errors";
import { BlockedAddressError } from "../net/safe-fetch";
import { forwardUpstream, type UpstreamAnswer } from "./forward-upstream";
import { forwardableRequestHeaders } from "./proxy-headers";
import { joinProxyTarget } from "./proxy-path";
import type { ProviderApi } from "./provider-api";
import type { ProxyInput } from "./proxy-types";
import { countProxyCall, statusClass } from "./proxy-usage";

/**
 * The network half, shared with the production server's fast path: send, count the call (status
 * class and time to the provider's headers) and turn a provider that cannot be reached into the envelope.
 */
export async function callProvider(appId: string, input: ProxyInput, api: ProviderApi, token: string, refresh: (() => Promise<string>) | null): Promise<UpstreamAnswer> {
  const started = performance.now();
  try {
    const answer = await forwardUpstream({
      url: joinProxyTarget(api.base, input.path, input.search), api, method: input.method, headers: forwardableRequestHeaders(input.headers),
      body: input.body, token, refresh, retries: input.control.retries, retryUnsafe: input.control.retry_unsafe, signal: input.signal,
    });
    countProxyCall(appId, input.authenticatorId, statusClass(answer.status), performance.now() - started);
    return answer;
  } catch (error) {
    countProxyCall(appId, input.authenticatorId, "failed", performance.now() - started);
    throw upstreamFailure(error, api.base);
  }
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
