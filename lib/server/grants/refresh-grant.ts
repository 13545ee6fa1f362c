import "server-only";
import { randomUUID } from "node:crypto";
import type { OAuthTokenGrant } from "../../generated/prisma/client";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { logger } from "../logger";
import { oauthDebug } from "../oauth/debug-log";
import type { ProviderSettings } from "../oauth/provider-settings";
import { isExpired, needsRefresh, refreshWindowSeconds, SWEEP_LOOKAHEAD_SECONDS } from "../policy/refresh-window";
import { callRefreshEndpoint } from "./call-refresh-endpoint";
import { decryptRefreshToken } from "./decrypt-grant";
import { forgetGrant } from "./fast-row-cache";
import { extendSweepLease, loadGrant, type LoadedGrant } from "./grant-rows";
import { ProviderUnavailableError, ReauthorizationRequiredError, TokenExpiredError } from "./grant-errors";
import { acquire, breakerOpenFor, release, tryAcquire } from "./provider-guard";
import { revokeAtProvider } from "./revoke-at-provider";
import { claimLease, readLease, releaseLeases, SWEEP_RESERVE_MS } from "./refresh-lease";
import { markNeedsReauth, markRefreshFailed, pendingRefresh, saveRefreshedTokens } from "./save-refresh-outcome";

export type RefreshOptions = {
  /** Refresh even if the token is not yet inside the window (after the provider answered 401). */
  force?: boolean;
  /** The background sweep: the lease it claimed for this grant, and its lookahead instead of the window. */
  sweepLease?: string;
  /** The sweep: the grant as its claim returned it (used while recent, instead of reading again). */
  claimed?: LoadedGrant;
};
export type RefreshOutcome = { grant: OAuthTokenGrant; refreshed: boolean };

/** How long an on-demand caller with an expired token waits for a bulkhead slot. */
const SLOT_WAIT_MS = 10_000;
/** How long the sweep waits for a slot (it has nobody waiting on it). */
const SWEEP_SLOT_WAIT_MS = 30_000;
/** How long an on-demand caller with an expired token waits for another process's refresh. */
const HOLDER_WAIT_MS = 40_000;
/** A forced refresh right after another refresh reuses it. */
const RECENT_REFRESH_MS = 5_000;

const inFlight = new Map<string, Promise<RefreshOutcome | null>>();

/**
 * Refresh a grant if it is due (or forced), exactly once at a time across every process, without a
 * transaction or pool connection held while the provider is called:
 * - in this process, concurrent callers share one promise;
 * - across processes, a lease in the grant row decides who calls the provider; the others serve the
 *   current token if it is still valid, or poll the row until the holder has written;
 * - per authenticator, a bulkhead caps concurrent refreshes and a circuit breaker stops calling a
 *   provider that keeps failing.
 * Returns null only to the sweep, when another process holds the grant.
 */
export function refreshGrant(grantId: string, options: RefreshOptions = {}): Promise<RefreshOutcome | null> {
  const key = `${grantId}:${options.force ? "f" : ""}${options.sweepLease ? "s" : ""}`;
  const running = inFlight.get(key);
  // Joiners get the leader's grant; only the leader reports that it refreshed.
  if (running) return running.then((outcome) => outcome && { ...outcome, refreshed: false });
  const promise = refreshOnce(grantId, options).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

async function refreshOnce(grantId: string, options: RefreshOptions): Promise<RefreshOutcome | null> {
  try {
    return await refreshLoop(grantId, options);
  } catch (error) {
    // Whatever went wrong, the sweep's reservation must not outlive it.
    if (options.sweepLease) await releaseLeases([grantId], options.sweepLease).catch(() => {});
    throw error;
  }
}

async function refreshLoop(grantId: string, options: RefreshOptions): Promise<RefreshOutcome | null> {
  const waitUntil = Date.now() + HOLDER_WAIT_MS;
  const giveBack = () => (options.sweepLease ? releaseLeases([grantId], options.sweepLease) : Promise.resolve());
  let claimedCopy = options.claimed;
  for (;;) {
    // The sweep refreshes from its claim's copy while its reservation holds; later it re-reads
    // (extending the lease in the same statement). Others just read.
    const fresh = claimedCopy && Date.now() - claimedCopy.readAt < SWEEP_RESERVE_MS ? claimedCopy : null;
    const loaded = fresh ?? (options.sweepLease ? await extendSweepLease(grantId, options.sweepLease) : await loadGrant(grantId));
    if (!loaded) {
      if (options.sweepLease) return null;
      throw new ReauthorizationRequiredError("This connection no longer exists; the user must connect again");
    }
    const { grant, authenticator } = loaded;
    const unsaved = pendingRefresh(grantId);
    if (unsaved) {
      await giveBack();
      return { grant: unsaved, refreshed: false };
    }
    if (grant.status === "revoked" || grant.isRevoked) throw new ReauthorizationRequiredError();

    const window = options.sweepLease ? SWEEP_LOOKAHEAD_SECONDS : refreshWindowSeconds(authenticator.authenticatorType, authenticator.configuration);
    const recent = !!grant.lastRefreshedAt && Date.now() - grant.lastRefreshedAt.getTime() < RECENT_REFRESH_MS;
    const due = options.force ? !recent : needsRefresh(grant, window);
    const refreshToken = due ? decryptRefreshToken(grant) : null;
    if (!due || !refreshToken) {
      await giveBack();
      if (due && isExpired(grant.expiresAt)) throw new TokenExpiredError();
      return { grant, refreshed: false };
    }
    // What the caller can be given instead of waiting: the current token, while it is valid and
    // the caller did not just see the provider refuse it.
    const usable = !options.force && !isExpired(grant.expiresAt);
    const cooling = grant.nextRefreshAfter ? grant.nextRefreshAfter.getTime() - Date.now() : 0;
    const open = breakerOpenFor(grant.authenticatorId);
    if (cooling > 0 || open > 0) {
      await giveBack();
      if (usable) return { grant, refreshed: false };
      throw new ProviderUnavailableError(`${authenticator.authenticatorName} failed recently; retrying later`, Math.max(cooling, open) / 1000);
    }

    const leaseId = options.sweepLease ?? randomUUID();
    if (!options.sweepLease && !(await claimLease(grantId, leaseId, grant.accessToken))) {
      // Another process is refreshing (or just did): use the valid token, or wait for its write.
      if (usable) return { grant, refreshed: false };
      await waitForHolder(grantId, grant.accessToken, waitUntil);
      claimedCopy = undefined;
      continue;
    }
    // The sweep queues for a slot; a caller holding a usable token never queues behind a slow provider.
    const slotAsked = Date.now();
    const slot = options.sweepLease
      ? await acquire(grant.authenticatorId, SWEEP_SLOT_WAIT_MS)
      : usable
        ? tryAcquire(grant.authenticatorId)
        : await acquire(grant.authenticatorId, SLOT_WAIT_MS);
    if (!slot) {
      await releaseLeases([grantId], leaseId);
      if (usable || options.sweepLease) return options.sweepLease ? null : { grant, refreshed: false };
      throw new ProviderUnavailableError(`Too many refreshes for ${authenticator.authenticatorName} are in progress; retry shortly`, 5);
    }
    try {
      // Renew the lease right before the provider is called, so it outlasts the call and the
      // write (the sweep's reservation is short; a caller may have waited for its slot).
      if ((options.sweepLease || Date.now() - slotAsked > 1_000) && !(await claimLease(grantId, leaseId, grant.accessToken))) {
        if (options.sweepLease) return null;
        claimedCopy = undefined;
        continue;
      }
      return await refreshClaimed(grant, loaded.settings(), leaseId, refreshToken, usable);
    } catch (error) {
      // Every known outcome writes its result and clears the lease; anything else (an unreadable
      // client secret, the database failing) cools the grant down like a failure, so neither the
      // sweep nor callers spin on it, and lets go of the lease.
      await markRefreshFailed(grant, authenticator.authenticatorType, leaseId, { error: describe(error), durationMs: 0, attempts: 0 })
        .catch(() => releaseLeases([grantId], leaseId))
        .catch(() => {});
      throw error;
    } finally {
      release(grant.authenticatorId);
    }
  }
}

async function refreshClaimed(grant: OAuthTokenGrant, settings: ProviderSettings, leaseId: string, refreshToken: string, usable: boolean): Promise<RefreshOutcome> {
  oauthDebug("refresh_request", () => ({
    grant_id: grant.grantId, authenticator_id: grant.authenticatorId, user_id: grant.userId, token_url: settings.tokenUrl,
    expires_at: grant.expiresAt?.toISOString() ?? null,
  }));
  const call = await callRefreshEndpoint(settings, refreshToken);
  oauthDebug("refresh_result", () => ({
    grant_id: grant.grantId, authenticator_id: grant.authenticatorId, outcome: call.kind, attempts: call.attempts, duration_ms: call.durationMs,
    ...(call.kind === "tokens"
      ? { expires_in: call.tokens.expires_in ?? null, refresh_token_rotated: !!call.tokens.refresh_token && call.tokens.refresh_token !== refreshToken }
      : call.kind === "refused" ? { reason: call.reason } : { error: call.error }),
  }));
  if (call.kind === "tokens") {
    const saved = await saveRefreshedTokens(grant, settings, leaseId, call);
    forgetGrant(grant.grantId); // the fast paths' cached copy is out of date now
    if (saved.kind === "saved" || saved.kind === "pending") return { grant: saved.grant, refreshed: true };
    if (saved.kind === "gone") {
      // Disconnected (or its app or authenticator deleted) while we were at the provider: the new
      // tokens belong to nobody now, so they are revoked too.
      void revokeAtProvider(settings, { accessToken: call.tokens.access_token, refreshToken: call.tokens.refresh_token ?? null });
      await recordDiscarded(grant, settings.type).catch(() => {});
      throw new ReauthorizationRequiredError("This connection was removed while it was being refreshed");
    }
    return { grant: await currentGrant(grant.grantId), refreshed: false };
  }
  if (call.kind === "refused") {
    const marked = await markNeedsReauth(grant, settings, leaseId, call.reason);
    forgetGrant(grant.grantId);
    if (marked) throw new ReauthorizationRequiredError();
    // Someone stored newer tokens while this refresh token was being refused: they are the answer.
    await releaseLeases([grant.grantId], leaseId);
    return { grant: await currentGrant(grant.grantId), refreshed: false };
  }
  const cooldown = await markRefreshFailed(grant, settings.type, leaseId, call).catch(async (error: unknown) => {
    logger.warn({ grantId: grant.grantId, err: (error as Error).message }, "could not record a failed refresh");
    await releaseLeases([grant.grantId], leaseId).catch(() => {});
    return null;
  });
  // A provider outage must not cost the caller a token that still works.
  if (usable) return { grant, refreshed: false };
  throw new ProviderUnavailableError(`${settings.name} did not refresh the token: ${call.error}`, cooldown ?? 30);
}

function describe(error: unknown): string {
  if (error instanceof AppError) return error.code;
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

async function recordDiscarded(grant: OAuthTokenGrant, provider: string) {
  await getPrisma().oAuthEvent.create({
    data: {
      eventType: "token.refresh_discarded", outcome: "failure", appId: grant.appId, authenticatorId: grant.authenticatorId,
      subjectUserId: grant.userId, grantId: grant.grantId, provider, details: { reason: "grant_deleted_during_refresh", new_tokens: "revoked_at_provider" },
    },
  });
}

async function currentGrant(grantId: string): Promise<OAuthTokenGrant> {
  const grant = await getPrisma().oAuthTokenGrant.findUnique({ where: { grantId } });
  if (!grant || grant.isRevoked) throw new ReauthorizationRequiredError();
  return grant;
}

/** Poll (no connection held between polls) until the lease holder has written or let go. */
async function waitForHolder(grantId: string, seenAccessToken: string, until: number): Promise<void> {
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    if (Date.now() > until) throw new ProviderUnavailableError("Another refresh of this connection is taking too long; retry shortly", 5);
    await new Promise((resolve) => setTimeout(resolve, delay));
    const state = await readLease(grantId);
    if (!state || !state.leased || state.accessToken !== seenAccessToken) return;
  }
}
