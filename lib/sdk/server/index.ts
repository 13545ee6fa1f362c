// Server SDK for backend agents (the spec's "Backend Agent Integration"): a valid access token for a
// user's connected account whenever it is asked for, and a fetch that uses it.
import { apiBase, FiberWiseError, readApiResponse } from "../errors";

export { FiberWiseError };

export type AccessToken = { access_token: string; token_type: string; expires_at: string | null; scopes: string[] };

export type TokenTarget = {
  /** The authenticator_id, e.g. "google". */
  authenticator: string;
  /** Act for another user of the app (the key's user must own the app). Default: the key's own user. */
  userId?: number;
  appId?: string;
};

export type FiberWiseServerOptions = { baseUrl: string; apiKey: string; fetch?: typeof fetch };

export function createFiberWiseServer(options: FiberWiseServerOptions) {
  const base = apiBase(options.baseUrl);
  const doFetch = options.fetch ?? fetch;

  async function getAccessToken(target: TokenTarget & { forceRefresh?: boolean }): Promise<AccessToken> {
    const url = new URL(`${base}/credentials/connections/${encodeURIComponent(target.authenticator)}/token`);
    if (target.userId) url.searchParams.set("user_id", String(target.userId));
    if (target.appId) url.searchParams.set("app_id", target.appId);
    if (target.forceRefresh) url.searchParams.set("force_refresh", "true");
    const response = await doFetch(url, { headers: { authorization: `Bearer ${options.apiKey}`, accept: "application/json" }, cache: "no-store" });
    return readApiResponse<AccessToken>(response);
  }

  /**
   * fetch() a provider API as the user: adds `Authorization: Bearer <token>`. If the provider answers
   * 401 (a token revoked or expired early), the token is refreshed once and the request retried once.
   * Bodies must be replayable (string, URLSearchParams, Blob…) for the retry.
   */
  async function authorizedFetch(input: string | URL, init: RequestInit & TokenTarget): Promise<Response> {
    const { authenticator, userId, appId, ...requestInit } = init;
    const send = async (token: AccessToken) => {
      const headers = new Headers(requestInit.headers);
      headers.set("authorization", `Bearer ${token.access_token}`);
      return doFetch(input, { ...requestInit, headers });
    };
    const first = await send(await getAccessToken({ authenticator, userId, appId }));
    if (first.status !== 401) return first;
    await first.body?.cancel();
    return send(await getAccessToken({ authenticator, userId, appId, forceRefresh: true }));
  }

  return { getAccessToken, authorizedFetch };
}
