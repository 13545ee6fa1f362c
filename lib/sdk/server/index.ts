// Server SDK for backend agents and app backends (the spec's "Backend Agent Integration"): a valid
// access token for a member's or an end user's connected account whenever it is asked for, a fetch
// that uses it, and connect sessions that let the app's own end users connect accounts.
import type { CreatedConnectSession } from "../../schemas/end-users";
import { PROXY_HEADER, PROXY_RESPONSE_HEADER, type ProxyMethod } from "../../schemas/proxy-headers";
import { AUTHENTICATOR_ID_PATTERN, proxyPathProblem } from "../../schemas/proxy-path";
import { apiBase, errorFromEnvelope, FiberWiseError, readApiResponse } from "../errors";

export { FiberWiseError };

// A plain type (the published declarations stay free of schema libraries); lib/sdk/contract-types.ts
// checks it against lib/schemas.
export type AccessToken = { access_token: string; token_type: string; expires_at: string | null; scopes: string[] };

export type TokenTarget = {
  /** The authenticator_id, e.g. "google". */
  authenticator: string;
  /** Act for another member of the app (the key's user must own the app). Default: the key's own user. */
  userId?: number;
  /** Act for one of the app's end users, by your app's own id for them (the key's user must own or develop the app). */
  endUserId?: string;
  /** The app (needed with endUserId unless the API key is restricted to one app). */
  appId?: string;
};

export type ConnectSessionRequest = {
  endUser: { id: string; email?: string; displayName?: string; tags?: Record<string, string> };
  /** Authenticators the end user may connect (default: all the app's enabled ones). */
  allowedAuthenticators?: string[];
  /** Origins of your pages that may use the session from the browser, e.g. "https://app.example.com". */
  allowedOrigins?: string[];
  /** Where the browser goes after connecting (an URL on one of allowedOrigins). */
  returnTo?: string;
  appId?: string;
};

export type ProxyRequest = TokenTarget & {
  /** HTTP method (default GET). */
  method?: ProxyMethod;
  /** Path under the provider's API base, e.g. "/gmail/v1/users/me/messages". */
  path: string;
  /** Query parameters (appended to any already in path). */
  query?: Record<string, string | number | boolean | Array<string | number | boolean>>;
  headers?: RequestInit["headers"];
  /** A JSON body (sent as application/json), or `body` for anything else. */
  json?: unknown;
  body?: RequestInit["body"];
  /** Retry 429/503 with Retry-After and other 5xx, at most 5 times (idempotent methods unless retryUnsafe). */
  retries?: number;
  retryUnsafe?: boolean;
  signal?: AbortSignal;
};

export type FiberWiseServerOptions = { baseUrl: string; apiKey: string; fetch?: typeof fetch };

export function createFiberWiseServer(options: FiberWiseServerOptions) {
  const base = apiBase(options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.apiKey}`, accept: "application/json" };

  async function getAccessToken(target: TokenTarget & { forceRefresh?: boolean }): Promise<AccessToken> {
    // An empty id must not quietly mean "the key's own user".
    for (const [name, value] of [["endUserId", target.endUserId], ["appId", target.appId]] as const) {
      if (value !== undefined && !value.trim()) throw new FiberWiseError(0, "validation_error", `${name} must not be empty`);
    }
    const url = new URL(`${base}/credentials/connections/${encodeURIComponent(target.authenticator)}/token`);
    if (target.userId) url.searchParams.set("user_id", String(target.userId));
    if (target.endUserId !== undefined) url.searchParams.set("end_user_id", target.endUserId);
    if (target.appId !== undefined) url.searchParams.set("app_id", target.appId);
    if (target.forceRefresh) url.searchParams.set("force_refresh", "true");
    return readApiResponse<AccessToken>(await doFetch(url, { headers, cache: "no-store" }));
  }

  /**
   * fetch() a provider API as the user: adds `Authorization: Bearer <token>`. If the provider answers
   * 401 (a token revoked or expired early), the token is refreshed once and the request retried once.
   * Bodies must be replayable (string, URLSearchParams, Blob…) for the retry.
   */
  async function authorizedFetch(input: string | URL, init: RequestInit & TokenTarget): Promise<Response> {
    const { authenticator, userId, endUserId, appId, ...requestInit } = init;
    const target = { authenticator, userId, endUserId, appId };
    const send = async (token: AccessToken) => {
      const requestHeaders = new Headers(requestInit.headers);
      requestHeaders.set("authorization", `Bearer ${token.access_token}`);
      return doFetch(input, { ...requestInit, headers: requestHeaders });
    };
    const first = await send(await getAccessToken(target));
    if (first.status !== 401) return first;
    await first.body?.cancel();
    return send(await getAccessToken({ ...target, forceRefresh: true }));
  }

  /** A 30-minute connect session for one of your end users: give `token` to your frontend, or send them to `connect_url`. */
  async function createConnectSession(request: ConnectSessionRequest): Promise<CreatedConnectSession> {
    const { endUser } = request;
    const body = {
      ...(request.appId ? { app_id: request.appId } : {}),
      end_user: {
        id: endUser.id, ...(endUser.email ? { email: endUser.email } : {}), ...(endUser.displayName ? { display_name: endUser.displayName } : {}),
        ...(endUser.tags ? { tags: endUser.tags } : {}),
      },
      ...(request.allowedAuthenticators ? { allowed_authenticators: request.allowedAuthenticators } : {}),
      ...(request.allowedOrigins ? { allowed_origins: request.allowedOrigins } : {}),
      ...(request.returnTo ? { return_to: request.returnTo } : {}),
    };
    const response = await doFetch(`${base}/connect/sessions`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
    return readApiResponse<CreatedConnectSession>(response);
  }

  /**
   * Call the provider's API through the platform's proxy, as the user: the token never reaches this
   * process. Resolves to the provider's Response whatever its status; rejects with FiberWiseError
   * only for the platform's own refusals (connection_not_found with `connectUrl`,
   * reauthorization_required, provider_unavailable, …).
   */
  async function proxy(request: ProxyRequest): Promise<Response> {
    // Checked here, before the URL parser resolves dot segments: "/../../api-keys" would otherwise
    // reach another FiberWise endpoint with this API key.
    const [path, inlineQuery = ""] = (request.path.startsWith("/") ? request.path : `/${request.path}`).split(/\?(.*)/s, 2);
    const problem = AUTHENTICATOR_ID_PATTERN.test(request.authenticator) ? proxyPathProblem(path!) : "authenticator must be an authenticator_id, e.g. \"google\"";
    if (problem) throw new FiberWiseError(0, "invalid_proxy_path", problem);
    const url = new URL(`${base}/proxy/${request.authenticator}${path}${inlineQuery ? `?${inlineQuery}` : ""}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(v));
    }
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("authorization", headers.authorization);
    if (request.endUserId !== undefined) requestHeaders.set(PROXY_HEADER.endUserId, request.endUserId);
    if (request.userId !== undefined) requestHeaders.set(PROXY_HEADER.userId, String(request.userId));
    if (request.appId !== undefined) requestHeaders.set(PROXY_HEADER.appId, request.appId);
    if (request.retries) requestHeaders.set(PROXY_HEADER.retries, String(request.retries));
    if (request.retryUnsafe) requestHeaders.set(PROXY_HEADER.retryUnsafe, "true");
    let body = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      if (!requestHeaders.has("content-type")) requestHeaders.set("content-type", "application/json");
    }
    const response = await doFetch(url, { method: request.method ?? "GET", headers: requestHeaders, body, signal: request.signal, redirect: "manual" });
    if (response.headers.get(PROXY_RESPONSE_HEADER.proxied) === "true") return response;
    throw errorFromEnvelope(response.status, await response.json().catch(() => null));
  }

  return { getAccessToken, authorizedFetch, createConnectSession, proxy };
}
