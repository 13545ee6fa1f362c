import "server-only";
import * as oauth from "oauth4webapi";
import type { RequestContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { decryptSecret } from "../crypto/encryption";
import { safeEqual, sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { appUrl } from "../env";
import { logger } from "../logger";
import { oauthDebug } from "../oauth/debug-log";
import { tokenEndpointFetch } from "../oauth/normalize-token-response";
import { authorizationServer, clientAuth, oauthClient, providerSettings, requestOptions } from "../oauth/provider-settings";
import { missingScopes, parseScopeString } from "../oauth/scopes";
import { wakeEvents } from "../webhooks/webhook-queue";
import { storeGrant } from "./store-grant";
import { forgetAllRows } from "../grants/fast-row-cache";

export type CallbackInput = {
  authenticatorId: string;
  params: URLSearchParams;
  /** The signed-in user at the callback, and the browser binding cookie's value. */
  userId: number | null;
  binding: string | null;
};

type Session = NonNullable<Awaited<ReturnType<typeof findSession>>>;

const findSession = (stateHash: string) => getPrisma().oAuthSession.findUnique({ where: { stateToken: stateHash } });

/**
 * The callback (GET /auth/callback/{authenticator_id}). Every check on `state` happens before the
 * provider is contacted; the state is then consumed atomically, so a replay finds nothing to use.
 * The code is exchanged with oauth4webapi (PKCE verifier, nonce, `iss`), and the grant stored
 * encrypted. Returns where to send the browser.
 */
export async function completeConnection({ ctx, input }: { ctx: RequestContext; input: CallbackInput }): Promise<{ location: string }> {
  const started = Date.now();
  oauthDebug("callback_received", () => ({
    authenticator_id: input.authenticatorId,
    // code and state are masked; error, error_description and iss are the provider's words.
    params: Object.fromEntries(input.params),
    signed_in_user_id: input.userId,
    binding_cookie: !!input.binding,
  }));
  const result = await handleCallback(ctx, input);
  // Where the browser goes says how it ended: ?status=success, or ?status=error&error=<code> (/oauth/error?code= for refused state).
  oauthDebug("callback_result", () => ({ authenticator_id: input.authenticatorId, location: result.location, duration_ms: Date.now() - started }));
  return result;
}

async function handleCallback(ctx: RequestContext, input: CallbackInput): Promise<{ location: string }> {
  const state = input.params.get("state");
  const session = state ? await findSession(sha256Hex(state)) : null;
  // An app's end user has no FiberWise sign-in: their flow is bound to the browser (the binding
  // cookie) that the connect session started it in, not to a signed-in member.
  const endUser = session ? await getPrisma().endUser.findUnique({ where: { userId: session.userId }, select: { endUserId: true } }) : null;
  const refusal = refuseState(state, session, input, !!endUser);
  if (refusal) {
    await failEvent(ctx, input, session, refusal, { stage: "state" });
    return { location: `/oauth/error?code=${refusal}` };
  }
  const s = session!;
  const consumed = await getPrisma().oAuthSession.updateMany({ where: { id: s.id, consumedAt: null }, data: { consumedAt: new Date() } });
  if (consumed.count !== 1) {
    await failEvent(ctx, input, s, "state_replayed", { stage: "state" });
    return { location: "/oauth/error?code=state_replayed" };
  }
  const back = (params: Record<string, string>) => {
    const url = new URL(s.returnTo ?? "/", appUrl());
    url.searchParams.set("oauth_callback", s.authenticatorId);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return { location: `${url.pathname}${url.search}` };
  };

  const providerError = input.params.get("error");
  if (providerError) {
    const code = /^[a-z_]{1,64}$/.test(providerError) ? providerError : "provider_error";
    await failEvent(ctx, input, s, code, { stage: "authorize", description: input.params.get("error_description")?.slice(0, 300) });
    return back({ status: "error", error: code });
  }

  const row = await getPrisma().oAuthAuthenticator.findUnique({ where: { authenticatorId: s.authenticatorId } });
  if (!row || !row.isActive) {
    await failEvent(ctx, input, s, "authenticator_not_found", { stage: "callback" });
    return back({ status: "error", error: "authenticator_not_found" });
  }
  const settings = providerSettings(row);
  const as = authorizationServer(settings);
  const client = oauthClient(settings);
  const open = (value: string | null, field: string) => (value ? decryptSecret(value, { table: "oauth_sessions", rowId: s.sessionId, field }) : null);
  const verifier = open(s.codeVerifier, "code_verifier");
  const nonce = open(s.nonce, "nonce");

  const params = new URLSearchParams(input.params);
  // RFC 9207: with a known issuer oauth4webapi compares `iss`, and refuses its absence when the
  // provider advertises authorization_response_iss_parameter_supported; without an issuer it
  // cannot be checked.
  if (!settings.issuer) params.delete("iss");
  let callbackParams: URLSearchParams;
  try {
    callbackParams = oauth.validateAuthResponse(as, client, params, oauth.skipStateCheck);
  } catch (error) {
    const code = error instanceof oauth.AuthorizationResponseError
      ? error.error
      : /"iss" \(issuer\) missing/.test((error as Error).message) ? "issuer_missing" : "issuer_mismatch";
    await failEvent(ctx, input, s, code, { stage: "callback", message: (error as Error).message });
    return back({ status: "error", error: code });
  }

  const started = Date.now();
  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth(settings), callbackParams, s.redirectUri, verifier ?? oauth.nopkce, {
      ...requestOptions(settings, tokenEndpointFetch(settings)),
      additionalParameters: settings.tokenParams,
      headers: settings.tokenHeaders,
    });
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce ?? oauth.expectNoNonce });
  } catch (error) {
    const providerCode = error instanceof oauth.ResponseBodyError ? error.error : undefined;
    logger.warn({ authenticatorId: s.authenticatorId, providerCode, err: (error as Error).message }, "token exchange failed");
    await failEvent(ctx, input, s, "token_exchange_failed", {
      stage: "token",
      provider_error: providerCode ?? null,
      message: (error as Error).message.slice(0, 300),
    }, Date.now() - started);
    return back({ status: "error", error: "token_exchange_failed" });
  }
  const durationMs = Date.now() - started;
  const requested = (s.scopes as string[]) ?? [];
  const granted = parseScopeString(tokens.scope);
  const missing = missingScopes(requested, granted);

  const webhookEventId = await getPrisma().$transaction(async (tx) => {
    const { grantId, webhookEventId } = await storeGrant(tx, {
      userId: s.userId, appId: s.appId, authenticatorId: s.authenticatorId, tokens, grantedScopes: granted ?? requested,
      status: missing.length ? "insufficient_scopes" : "active",
      statusReason: missing.length ? `Missing scopes: ${missing.join(", ")}` : null,
    });
    await recordEvent(tx, ctx, {
      type: missing.length ? "oauth.connect_insufficient_scopes" : "oauth.connect_succeeded",
      outcome: missing.length ? "failure" : "success",
      appId: s.appId, authenticatorId: s.authenticatorId, subjectUserId: s.userId, grantId, provider: settings.type, durationMs,
      details: {
        granted_scopes: granted ?? requested, missing_scopes: missing, expires_in: tokens.expires_in ?? null, has_refresh_token: !!tokens.refresh_token,
        ...(endUser ? { end_user_id: endUser.endUserId } : {}),
      },
    });
    return webhookEventId;
  });
  forgetAllRows(); // a reconnect replaced the grant the fast paths may hold
  await wakeEvents([webhookEventId]);
  return missing.length
    ? back({ status: "error", error: "insufficient_scopes", missing_scopes: missing.join(" ") })
    : back({ status: "success" });
}

function refuseState(state: string | null, session: Session | null, input: CallbackInput, endUserFlow: boolean): string | null {
  if (!state) return "state_missing";
  if (!session || session.authenticatorId !== input.authenticatorId) return "state_invalid";
  if (session.consumedAt) return "state_replayed";
  if (session.expiresAt.getTime() <= Date.now()) return "state_expired";
  if (!input.binding || !safeEqual(sha256Hex(input.binding), session.browserBinding)) return "state_browser_mismatch";
  if (!endUserFlow && input.userId !== session.userId) return "state_user_mismatch";
  return null;
}

async function failEvent(ctx: RequestContext, input: CallbackInput, session: Session | null, code: string, details: Record<string, unknown>, durationMs?: number) {
  await getPrisma().$transaction((tx) =>
    recordEvent(tx, ctx, {
      type: "oauth.connect_failed",
      outcome: "failure",
      appId: session?.appId ?? null,
      authenticatorId: session?.authenticatorId ?? null,
      subjectUserId: session?.userId ?? input.userId,
      durationMs: durationMs ?? null,
      details: { error: code, ...details } as never,
    }),
  );
}
