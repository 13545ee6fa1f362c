import "server-only";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request, type Dispatcher } from "undici";
import type { ProxyMethod } from "../../schemas/proxy";
import { hostRefusal, policyHost } from "../net/address-policy";
import { BlockedAddressError, guardedLookup } from "../net/safe-fetch";
import type { ProviderApi } from "./provider-api";
import type { RequestBody } from "./request-body";
import { mayRetryMethod, retryWaitMs, RETRY_BUDGET_MS, backoffMs } from "./retry-policy";
import { insideApiBase } from "./proxy-path";
import { proxySettings } from "./proxy-settings";

const MAX_REDIRECTS = 3;

// One keep-alive pool per provider origin, every connection resolved through the address policy
// (so a name that resolves to an internal address is refused at connect time, after any DNS change).
let agent: Agent | undefined;
const proxyAgent = () =>
  (agent ??= new Agent({
    connect: { lookup: guardedLookup as never },
    keepAliveTimeout: 10_000,
    headersTimeout: proxySettings().timeoutMs,
    bodyTimeout: proxySettings().timeoutMs,
  }));

export type UpstreamCall = {
  url: URL;
  api: ProviderApi;
  method: ProxyMethod;
  /** The caller's headers, already filtered (no credentials, no hop-by-hop, no fiberwise-*). */
  headers: Record<string, string | string[]>;
  body: RequestBody;
  token: string;
  /** Refresh the token after a 401 (single-flight); null when the grant cannot be refreshed. */
  refresh: (() => Promise<string>) | null;
  retries: number;
  retryUnsafe: boolean;
  signal?: AbortSignal;
};

export type UpstreamAnswer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
  attempts: number;
  /** Where the answer came from (after same-base redirects). */
  url: URL;
};

/**
 * Send one proxied request, with nothing of the database held: the token was read before, and a
 * refresh after a 401 takes and releases its own lease.
 * - 401: refresh once and retry once (when the body can be sent again).
 * - 429 with Retry-After, 500/502/503/504: retry only when the caller asked (retries > 0), only for
 *   idempotent methods unless retryUnsafe, never waiting past the provider's Retry-After limits.
 * - 3xx to a URL inside the API base, for GET/HEAD (or 307/308 with a replayable body): followed,
 *   at most 3 times. Any other redirect goes back to the caller as it is: the token is never sent
 *   to another host.
 */
export async function forwardUpstream(call: UpstreamCall): Promise<UpstreamAnswer> {
  let { url, token } = call;
  let refreshed = false;
  let retriesLeft = call.retries;
  let redirects = 0;
  let attempts = 0;
  const deadline = Date.now() + RETRY_BUDGET_MS;
  const replayable = call.body.replayable;
  let method = call.method;

  for (;;) {
    attempts += 1;
    let response: Dispatcher.ResponseData;
    try {
      response = await send(url, method, call.headers, call.body, call.api, token, call.signal);
    } catch (error) {
      if (error instanceof BlockedAddressError || call.signal?.aborted) throw error;
      // A provider that could not be reached: retried like a 5xx, when the caller asked.
      const wait = backoffMs(call.retries - retriesLeft + 1);
      if (retriesLeft > 0 && replayable && mayRetryMethod(method, call.retryUnsafe) && Date.now() + wait < deadline) {
        retriesLeft -= 1;
        await sleep(wait, null, { signal: call.signal });
        continue;
      }
      throw error;
    }
    const { statusCode: status, headers } = response;

    if (status === 401 && !refreshed && replayable && call.refresh) {
      refreshed = true;
      let fresh: string | null = null;
      try {
        fresh = await call.refresh();
      } catch {
        // The refresh failed (the user must reconnect, the provider is down): the provider's 401 is the answer.
      }
      // The same token back (no refresh token, or one refreshed a moment ago): sending it again would only earn the same 401.
      if (fresh && fresh !== token) {
        await discard(response);
        token = fresh;
        continue;
      }
    }

    if (retriesLeft > 0 && replayable && mayRetryMethod(method, call.retryUnsafe)) {
      const wait = retryWaitMs(status, headers["retry-after"], call.retries - retriesLeft + 1, deadline - Date.now());
      if (wait !== null) {
        await discard(response);
        retriesLeft -= 1;
        await sleep(wait, null, { signal: call.signal });
        continue;
      }
    }

    const location = status >= 300 && status < 400 ? headers.location : undefined;
    const next = typeof location === "string" && redirects < MAX_REDIRECTS ? parseLocation(location, url) : null;
    if (next) {
      const keepsMethod = status === 307 || status === 308;
      const followable = method === "GET" || method === "HEAD" || (keepsMethod && replayable);
      if (followable && insideApiBase(call.api.base, next)) {
        await discard(response);
        redirects += 1;
        url = next;
        // 301/302/303 turn the request into a GET (as browsers and fetch do); 307/308 keep it.
        if (!keepsMethod && method !== "HEAD") method = "GET";
        continue;
      }
    }
    return { status, headers, body: response.body, attempts, url };
  }
}

async function send(url: URL, method: ProxyMethod, headers: Record<string, string | string[]>, body: RequestBody, api: ProviderApi, token: string, signal?: AbortSignal) {
  // Literal addresses never reach the lookup (the socket skips it for them): judge them here.
  const refusal = hostRefusal(policyHost(url.hostname));
  if (refusal) throw new BlockedAddressError(`${url.hostname} is ${refusal}`);
  const withBody = method !== "GET" && method !== "HEAD";
  // The provider's defaults yield to the caller's headers; the token's header is always ours.
  const outgoing: Record<string, string | string[]> = { ...api.defaults, ...headers, [api.tokenHeader]: api.tokenValue(token) };
  if (withBody && body.length !== null) outgoing["content-length"] = String(body.length);
  return request(url, {
    method,
    headers: outgoing,
    body: withBody ? body.take() : undefined,
    signal,
    dispatcher: proxyAgent(),
  });
}

/** A Location the URL parser cannot read is not followed (and not rewritten): it goes back as it is. */
export function parseLocation(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

async function discard(response: Dispatcher.ResponseData) {
  await response.body.dump({ limit: 256 * 1024 }).catch(() => {});
}
