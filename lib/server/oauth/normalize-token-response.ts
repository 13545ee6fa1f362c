import "server-only";
import { safeFetch } from "../net/safe-fetch";
import { oauthDebug, oauthDebugEnabled } from "./debug-log";
import type { ProviderSettings } from "./provider-settings";

/**
 * A fetch for token endpoints that turns each big provider's dialect into a standard RFC 6749
 * response before oauth4webapi reads it, so one code path handles them all:
 * - GitHub answers errors with HTTP 200, form-encoded unless asked for JSON;
 * - Slack wraps everything in { ok }, answers errors with 200, nests the user's token in `authed_user`;
 * - many omit token_type, send expires_in as a string, or separate scopes with commas.
 */
export function tokenEndpointFetch(settings: ProviderSettings): typeof safeFetch {
  const send = oauthDebugEnabled() ? traceTokenRequests(settings, safeFetch) : safeFetch;
  return async (input, init) => {
    const response = await send(input, init);
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    let body: Record<string, unknown> | null = null;
    try {
      body = type.includes("application/x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
    } catch {
      body = null;
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return new Response(text, { status: response.status, headers: response.headers });
    }
    const { status, json } = normalizeTokenBody(response.status, body, settings);
    return new Response(JSON.stringify(json), { status, headers: { "content-type": "application/json" } });
  };
}

/** OAUTH_DEBUG: every token request (code exchange and refresh) and the provider's answer, as sent, secrets masked. */
function traceTokenRequests(settings: ProviderSettings, fetchImpl: typeof safeFetch): typeof safeFetch {
  return async (input, init) => {
    const body = new URLSearchParams(typeof init?.body === "string" || init?.body instanceof URLSearchParams ? init.body : undefined);
    const grantType = body.get("grant_type");
    oauthDebug("token_request", () => ({
      authenticator_id: settings.authenticatorId,
      endpoint: String(input),
      grant_type: grantType,
      auth_method: settings.tokenAuthMethod,
      // Values of code, code_verifier, refresh_token and client_secret are masked.
      params: Object.fromEntries(body),
      headers: Object.fromEntries(new Headers(init?.headers)),
    }));
    const started = performance.now();
    let response: Response;
    try {
      response = await fetchImpl(input, init);
    } catch (error) {
      oauthDebug("token_response", () => ({
        authenticator_id: settings.authenticatorId, grant_type: grantType, error: (error as Error).message.slice(0, 300), duration_ms: Math.round(performance.now() - started),
      }));
      throw error;
    }
    const text = await response.clone().text().catch(() => "");
    let answer: Record<string, unknown> = {};
    try {
      answer = (response.headers.get("content-type") ?? "").includes("form-urlencoded") ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
    } catch {
      answer = {};
    }
    oauthDebug("token_response", () => ({
      authenticator_id: settings.authenticatorId,
      grant_type: grantType,
      status: response.status,
      duration_ms: Math.round(performance.now() - started),
      content_type: response.headers.get("content-type"),
      ...(typeof answer.error === "string"
        ? { error: answer.error, error_description: answer.error_description }
        : {
            token_type: answer.token_type,
            expires_in: answer.expires_in,
            scope: answer.scope,
            refresh_token_received: typeof answer.refresh_token === "string",
            id_token_received: typeof answer.id_token === "string",
          }),
    }));
    return response;
  };
}

// Provider spellings of a refused refresh token: GitHub's bad_refresh_token, Slack's invalid_refresh_token.
const REFRESH_TOKEN_REFUSALS = new Set(["bad_refresh_token", "invalid_refresh_token"]);

export function normalizeTokenBody(status: number, input: Record<string, unknown>, settings: Pick<ProviderSettings, "issuer">) {
  let body = { ...input };
  if (body.ok === false) {
    const error = String(body.error ?? "invalid_request");
    return { status: status < 400 ? 400 : status, json: { error: REFRESH_TOKEN_REFUSALS.has(error) ? "invalid_grant" : error } };
  }
  const nested = body.authed_user as Record<string, unknown> | undefined;
  if (nested && typeof nested === "object" && typeof nested.access_token === "string") {
    body = { ...nested, team: body.team };
  }
  if (typeof body.error === "string") {
    // GitHub and Slack say "this refresh token is dead" in their own words; it is invalid_grant.
    const error = REFRESH_TOKEN_REFUSALS.has(body.error) ? "invalid_grant" : body.error;
    return { status: status < 400 ? 400 : status, json: { error, error_description: body.error_description ?? body.error } };
  }
  if (typeof body.token_type !== "string" || !body.token_type) body.token_type = "bearer";
  else if (!/^(bearer|dpop|mac)$/i.test(body.token_type)) body.token_type = "bearer";
  // A lifetime that is not a positive number says nothing usable (0 would mean "refresh on every request").
  if (body.expires_in !== undefined) {
    const seconds = Number(body.expires_in);
    if (Number.isFinite(seconds) && seconds > 0) body.expires_in = Math.floor(seconds);
    else delete body.expires_in;
  }
  if (typeof body.refresh_token_expires_in === "string") body.refresh_token_expires_in = Number(body.refresh_token_expires_in);
  // An ID token can only be checked against a known issuer; from other providers it is not used.
  if (!settings.issuer) delete body.id_token;
  for (const key of Object.keys(body)) if (body[key] === undefined || body[key] === null) delete body[key];
  return { status, json: body };
}
