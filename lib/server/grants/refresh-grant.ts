import * as oauth from "oauth4webapi";
import type { OAuthTokenGrant } from "../../generated/prisma/client";
import { recordEvent } from "../audit/record-event";
import { encryptSecret } from "../crypto/encryption";
import { getPrisma, type Tx } from "../db/client";
import { logger } from "../logger";
import { tokenEndpointFetch } from "../oauth/normalize-token-response";
import { authorizationServer, clientAuth, oauthClient, providerSettings, requestOptions, type ProviderSettings } from "../oauth/provider-settings";
import { parseScopeString } from "../oauth/scopes";
import { decryptRefreshToken } from "./decrypt-grant";
import { ProviderUnavailableError, ReauthorizationRequiredError, TokenExpiredError } from "./grant-errors";

export const RETRY_DELAYS_MS = [200, 800];
const COOLDOWN_BASE_MS = 30_000;
const COOLDOWN_MAX_MS = 15 * 60_000;

export type RefreshOptions = {
  /** Refresh even if the token is not yet inside the window (after the provider answered 401). */
  force?: boolean;
  /** The sweep: skip a grant another process is refreshing, instead of waiting for it. */
  skipLocked?: boolean;
};

export type RefreshOutcome = { grant: OAuthTokenGrant; refreshed: boolean };

const inFlight = new Map<string, Promise<RefreshOutcome | null>>();

/**
 * Refresh a grant if it expires within its window. Exactly one refresh per grant at a time:
 * in this process concurrent callers share one promise; across processes the grant's row lock
 * (SELECT … FOR UPDATE) is held while the provider is called, and whoever waited re-reads the row
 * afterwards and finds it already fresh. Returns null only when skipLocked found it busy.
 */
export function refreshGrant(grantId: string, options: RefreshOptions = {}): Promise<RefreshOutcome | null> {
  const key = `${grantId}:${options.force ? "f" : ""}${options.skipLocked ? "s" : ""}`;
  const running = inFlight.get(key);
  // Joiners get the leader's grant; only the leader reports that it refreshed.
  if (running) return running.then((outcome) => outcome && { ...outcome, refreshed: false });
  const promise = refreshLocked(grantId, options).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

export function needsRefresh(grant: Pick<OAuthTokenGrant, "expiresAt">, windowSeconds: number, now = Date.now()): boolean {
  // Without expires_at nothing says the token expires: never refresh blindly.
  return !!grant.expiresAt && grant.expiresAt.getTime() - now <= windowSeconds * 1000;
}

async function refreshLocked(grantId: string, options: RefreshOptions): Promise<RefreshOutcome | null> {
  const db = getPrisma();
  const result = await db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRawUnsafe<Array<{ grant_id: string }>>(
        `SELECT grant_id FROM oauth_token_grants WHERE grant_id = $1 FOR UPDATE${options.skipLocked ? " SKIP LOCKED" : ""}`,
        grantId,
      );
      if (!locked.length) {
        if (options.skipLocked) return null;
        throw new ReauthorizationRequiredError("This connection no longer exists; the user must connect again");
      }
      // Re-read under the lock: another process may have refreshed while we waited.
      const grant = await tx.oAuthTokenGrant.findUniqueOrThrow({ where: { grantId }, include: { authenticator: true } });
      const settings = providerSettings(grant.authenticator);
      const { authenticator: _a, ...row } = grant;
      if (grant.status === "revoked" || grant.isRevoked) throw new ReauthorizationRequiredError();
      const recentlyRefreshed = grant.lastRefreshedAt && Date.now() - grant.lastRefreshedAt.getTime() < 5_000;
      if (!(options.force && !recentlyRefreshed) && !needsRefresh(grant, settings.refreshWindowSeconds)) return { grant: row, refreshed: false };
      const refreshToken = decryptRefreshToken(grant);
      if (!refreshToken) {
        if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now()) throw new TokenExpiredError();
        return { grant: row, refreshed: false };
      }
      if (grant.nextRefreshAfter && grant.nextRefreshAfter.getTime() > Date.now()) {
        // Cooling down after failures: serve the current token while it lasts, else say so.
        if (grant.expiresAt && grant.expiresAt.getTime() > Date.now()) return { grant: row, refreshed: false };
        throw new ProviderUnavailableError("The provider failed recently; retrying later", Math.ceil((grant.nextRefreshAfter.getTime() - Date.now()) / 1000));
      }
      const exchanged = await exchange(tx, row, settings, refreshToken);
      return exchanged instanceof Error ? exchanged : { grant: exchanged, refreshed: true };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  // A failed refresh is recorded (needs_reauth, cooldown) and committed before the caller hears of it.
  if (result instanceof Error) throw result;
  return result;
}

async function exchange(tx: Tx, grant: OAuthTokenGrant, settings: ProviderSettings, refreshToken: string): Promise<OAuthTokenGrant | Error> {
  const as = authorizationServer(settings);
  const client = oauthClient(settings);
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth(settings), refreshToken, {
        ...requestOptions(settings, tokenEndpointFetch(settings)),
        additionalParameters: settings.tokenParams,
        headers: settings.tokenHeaders,
      });
      if (response.status >= 500 || response.status === 429) throw new TransientError(`HTTP ${response.status}`);
      const tokens = await oauth.processRefreshTokenResponse(as, client, response);
      return await saveRefreshed(tx, grant, settings, tokens, Date.now() - started);
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === "invalid_grant") {
        await markNeedsReauth(tx, grant, settings, error.error_description ?? "invalid_grant");
        return new ReauthorizationRequiredError();
      }
      const transient = error instanceof TransientError || !(error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError);
      if (transient && attempt < RETRY_DELAYS_MS.length) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
        continue;
      }
      await markFailed(tx, grant, settings, error as Error, Date.now() - started);
      return new ProviderUnavailableError(`${settings.name} did not refresh the token: ${describe(error)}`);
    }
  }
}

class TransientError extends Error {}

function describe(error: unknown) {
  if (error instanceof oauth.ResponseBodyError) return error.error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timeout";
  return error instanceof Error ? error.message : String(error);
}

async function saveRefreshed(tx: Tx, grant: OAuthTokenGrant, settings: ProviderSettings, tokens: oauth.TokenEndpointResponse, durationMs: number) {
  const seal = (value: string, field: string) => encryptSecret(value, { table: "oauth_token_grants", rowId: grant.grantId, field });
  const access = seal(tokens.access_token, "access_token");
  // Rotation: a new refresh token replaces the old in the same write; none in the response keeps the old.
  // Re-sealing the kept one under the current key keeps the row under one key id.
  const refreshPlain = tokens.refresh_token ?? decryptRefreshToken(grant);
  const updated = await tx.oAuthTokenGrant.update({
    where: { grantId: grant.grantId },
    data: {
      accessToken: access.ciphertext,
      refreshToken: refreshPlain ? seal(refreshPlain, "refresh_token").ciphertext : null,
      idToken: null,
      encryptionKeyId: access.keyId,
      tokenType: "Bearer",
      expiresAt: typeof tokens.expires_in === "number" ? new Date(Date.now() + tokens.expires_in * 1000) : null,
      scopes: parseScopeString(tokens.scope) ?? (grant.scopes as string[]),
      status: grant.status === "insufficient_scopes" ? "insufficient_scopes" : "active",
      lastError: null,
      lastRefreshedAt: new Date(),
      refreshFailureCount: 0,
      nextRefreshAfter: null,
    },
  });
  await recordEvent(tx, null, {
    type: "token.refreshed", appId: grant.appId, authenticatorId: grant.authenticatorId, subjectUserId: grant.userId,
    grantId: grant.grantId, provider: settings.type, durationMs, details: { rotated: !!tokens.refresh_token, expires_in: tokens.expires_in ?? null },
  });
  return updated;
}

async function markNeedsReauth(tx: Tx, grant: OAuthTokenGrant, settings: ProviderSettings, reason: string) {
  await tx.oAuthTokenGrant.update({ where: { grantId: grant.grantId }, data: { status: "revoked", isRevoked: true, lastError: `invalid_grant: ${reason}`.slice(0, 500) } });
  await tx.userAppOAuthAuthentication.updateMany({
    where: { grantId: grant.grantId },
    data: { authStatus: "needs_reauth", statusReason: "The provider refused the refresh token; reconnect to continue" },
  });
  await recordEvent(tx, null, {
    type: "token.refresh_failed", outcome: "failure", appId: grant.appId, authenticatorId: grant.authenticatorId, subjectUserId: grant.userId,
    grantId: grant.grantId, provider: settings.type, details: { error: "invalid_grant", result: "needs_reauth" },
  });
}

async function markFailed(tx: Tx, grant: OAuthTokenGrant, settings: ProviderSettings, error: Error, durationMs: number) {
  const failures = grant.refreshFailureCount + 1;
  const cooldown = Math.min(COOLDOWN_BASE_MS * 2 ** (failures - 1), COOLDOWN_MAX_MS);
  logger.warn({ grantId: grant.grantId, provider: settings.type, failures, err: describe(error) }, "token refresh failed");
  await tx.oAuthTokenGrant.update({
    where: { grantId: grant.grantId },
    data: { refreshFailureCount: failures, nextRefreshAfter: new Date(Date.now() + cooldown), lastError: describe(error).slice(0, 500) },
  });
  await recordEvent(tx, null, {
    type: "token.refresh_failed", outcome: "failure", appId: grant.appId, authenticatorId: grant.authenticatorId, subjectUserId: grant.userId,
    grantId: grant.grantId, provider: settings.type, durationMs, details: { error: describe(error), failures, cooldown_seconds: cooldown / 1000 },
  });
}
