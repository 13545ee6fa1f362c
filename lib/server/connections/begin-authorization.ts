import "server-only";
import { randomUUID } from "node:crypto";
import * as oauth from "oauth4webapi";
import type { OAuthAuthenticator } from "../../generated/prisma/client";
import type { RequestContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { encryptSecret } from "../crypto/encryption";
import { randomToken, sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { ValidationError } from "../errors";
import { oauthDebug } from "../oauth/debug-log";
import { providerSettings } from "../oauth/provider-settings";

export const STATE_TTL_MS = 10 * 60 * 1000;

export type StartedConnection = { location: string; binding: string };

/**
 * Record an authorization request (an oauth_sessions row) for one user — a member or an app's end
 * user — and build the provider's authorization URL (the spec's "Click Connect"):
 * - state: 256 random bits; only its SHA-256 is stored, single use, 10 minutes, bound to this user
 *   and to this browser through a random binding value kept in an HttpOnly cookie.
 * - PKCE (S256) unless the provider rejects it, and a nonce when `openid` is requested; both kept
 *   server-side, encrypted, never in the URL or a cookie.
 * `returnTo` must already be a safe same-origin path.
 */
export async function beginAuthorization(input: {
  ctx: RequestContext;
  authenticator: OAuthAuthenticator;
  userId: number;
  returnTo: string;
  binding?: string | null;
  eventDetails?: Record<string, string>;
}): Promise<StartedConnection> {
  const row = input.authenticator;
  const settings = providerSettings(row);
  if (!settings.scopes.length && !Object.keys(settings.authorizationParams).length) {
    throw new ValidationError("This authenticator requests no scopes", [{ path: "scopes", message: "Add scopes to the authenticator" }], "no_scopes");
  }
  const state = randomToken(32);
  const binding = input.binding && input.binding.length >= 43 ? input.binding : randomToken(32);
  const sessionId = randomUUID();
  const verifier = settings.pkce ? oauth.generateRandomCodeVerifier() : null;
  const nonce = settings.scopes.includes("openid") ? oauth.generateRandomNonce() : null;
  const seal = (value: string | null, field: string) => (value ? encryptSecret(value, { table: "oauth_sessions", rowId: sessionId, field }) : null);
  const sealedVerifier = seal(verifier, "code_verifier");
  const sealedNonce = seal(nonce, "nonce");

  await getPrisma().$transaction(async (tx) => {
    await tx.oAuthSession.create({
      data: {
        sessionId,
        authenticatorName: row.authenticatorName,
        authenticatorId: row.authenticatorId,
        appId: row.appId,
        userId: input.userId,
        stateToken: sha256Hex(state),
        browserBinding: sha256Hex(binding),
        codeVerifier: sealedVerifier?.ciphertext ?? null,
        nonce: sealedNonce?.ciphertext ?? null,
        encryptionKeyId: (sealedVerifier ?? sealedNonce)?.keyId ?? "none",
        redirectUri: settings.redirectUri,
        returnTo: input.returnTo,
        scopes: settings.scopes,
        expiresAt: new Date(Date.now() + STATE_TTL_MS),
      },
    });
    await recordEvent(tx, input.ctx, {
      type: "oauth.connect_started",
      appId: row.appId,
      authenticatorId: row.authenticatorId,
      subjectUserId: input.userId,
      provider: row.authenticatorType,
      details: { scopes: settings.scopes, pkce: settings.pkce, ...input.eventDetails },
    });
  });

  const url = new URL(settings.authorizeUrl);
  const params: Record<string, string> = {
    ...settings.authorizationParams,
    response_type: "code",
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    state,
  };
  const scope = settings.scopes.join(settings.scopeSeparator);
  // Slack: an end user's own token is asked for with user_scope; `scope` would request a bot token.
  if (settings.quirks.slackUserScope) params.user_scope = scope;
  else if (scope) params.scope = scope;
  if (verifier) Object.assign(params, { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" });
  if (nonce) params.nonce = nonce;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  oauthDebug("authorize_redirect", () => ({
    authenticator_id: row.authenticatorId,
    app_id: row.appId,
    provider: row.authenticatorType,
    user_id: input.userId,
    session_id: sessionId,
    // state, code_challenge and nonce are masked in the URL.
    url: url.href,
    scopes: settings.scopes,
    pkce: !!verifier,
    nonce: !!nonce,
  }));
  return { location: url.href, binding };
}
