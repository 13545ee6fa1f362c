import "server-only";
import type * as oauth from "oauth4webapi";
import type { OAuthTokenGrant } from "../../generated/prisma/client";
import { encryptSecret } from "../crypto/encryption";
import { rawQuery } from "../db/raw-pool";
import { logger } from "../logger";
import type { ProviderSettings } from "../oauth/provider-settings";
import { parseScopeString } from "../oauth/scopes";
import { wakeEvents } from "../webhooks/webhook-queue";
import { decryptRefreshToken } from "./decrypt-grant";

// Writing new tokens after the provider rotated the refresh token must not fail on a passing
// database fault: the old refresh token is dead at the provider, so these tokens are the only
// ones left. Each write is one statement (grant + event), retried from the same response, never by
// calling the provider again. It lands while the lease is ours, or while nobody has stored newer
// tokens since we read the grant (so a lease that expired during a long database fault still lets
// the freshest tokens in, and never overwrites fresher ones).
const WRITE_RETRY_DELAYS_MS = [100, 200, 400, 800, 1600, 3200];
const LATE_WRITE_INTERVAL_MS = 5_000;
const LATE_WRITE_GIVE_UP_MS = 15 * 60_000;

export type SaveResult =
  | { kind: "saved"; grant: OAuthTokenGrant; writeAttempts: number }
  /** Written nowhere yet (the database keeps failing): served from memory and written later. */
  | { kind: "pending"; grant: OAuthTokenGrant }
  /** The lease was no longer ours: someone else holds the grant now. */
  | { kind: "lost" }
  /** The grant was deleted while the provider was called (disconnect, app or authenticator deleted). */
  | { kind: "gone" };

type Pending = { grant: OAuthTokenGrant; write: () => Promise<"saved" | "lost" | "gone">; since: number };
const pending = new Map<string, Pending>();
let lateWriter: NodeJS.Timeout | undefined;

/** Tokens this process obtained but could not store yet; they win over the database's older ones. */
export function pendingRefresh(grantId: string): OAuthTokenGrant | null {
  return pending.get(grantId)?.grant ?? null;
}

export async function saveRefreshedTokens(
  grant: OAuthTokenGrant,
  settings: ProviderSettings,
  leaseId: string,
  call: { tokens: oauth.TokenEndpointResponse; durationMs: number; attempts: number },
): Promise<SaveResult> {
  const { tokens } = call;
  const seal = (value: string, field: string) => encryptSecret(value, { table: "oauth_token_grants", rowId: grant.grantId, field });
  const access = seal(tokens.access_token, "access_token");
  // Rotation: a new refresh token replaces the old; none in the response keeps the old (re-sealed
  // under the current key so the row stays under one key id).
  const refreshPlain = tokens.refresh_token ?? decryptRefreshToken(grant);
  const refresh = refreshPlain ? seal(refreshPlain, "refresh_token").ciphertext : null;
  const now = new Date();
  const updated: OAuthTokenGrant = {
    ...grant,
    accessToken: access.ciphertext,
    refreshToken: refresh,
    idToken: null,
    encryptionKeyId: access.keyId,
    tokenType: "Bearer",
    expiresAt: typeof tokens.expires_in === "number" ? new Date(now.getTime() + tokens.expires_in * 1000) : null,
    scopes: parseScopeString(tokens.scope) ?? (grant.scopes as string[]),
    status: grant.status === "insufficient_scopes" ? "insufficient_scopes" : "active",
    lastError: null,
    lastRefreshedAt: now,
    refreshFailureCount: 0,
    nextRefreshAfter: null,
    refreshLeaseId: null,
    refreshLeaseUntil: null,
    updatedAt: now,
  };
  const details = (writeAttempts: number, late = false) => ({
    rotated: !!tokens.refresh_token,
    expires_in: tokens.expires_in ?? null,
    provider_attempts: call.attempts,
    recovered: grant.refreshFailureCount > 0,
    ...(writeAttempts > 1 ? { write_attempts: writeAttempts } : {}),
    ...(late ? { written_late: true } : {}),
  });
  const write = async (writeAttempts: number, late = false): Promise<"saved" | "lost" | "gone"> => {
    const rows = await rawQuery<{ grant_id: string; webhook_event_id: string | null }>(
      `WITH g AS (
         UPDATE oauth_token_grants SET access_token = $3, refresh_token = $4, id_token = NULL, encryption_key_id = $5, token_type = 'Bearer',
                expires_at = $6, scopes = $7::jsonb, status = $8, last_error = NULL, last_refreshed_at = $9, refresh_failure_count = 0,
                next_refresh_after = NULL, refresh_lease_id = NULL, refresh_lease_until = NULL, is_revoked = false, updated_at = $9
          WHERE grant_id = $1 AND (refresh_lease_id = $2 OR access_token = $10)
         RETURNING grant_id, app_id, authenticator_id, user_id, scopes, status
       ), c AS (
         -- A holder that lost its lease may have been told invalid_grant for the very token these
         -- tokens rotated: these are the live ones, so the connection works again.
         UPDATE user_app_oauth_authentications SET auth_status = $8, status_reason = NULL, updated_at = $9
          WHERE grant_id IN (SELECT grant_id FROM g) AND auth_status = 'needs_reauth'
         RETURNING auth_id
       ), e AS (
         INSERT INTO oauth_events (event_type, outcome, app_id, authenticator_id, subject_user_id, grant_id, provider, duration_ms, details)
         SELECT 'token.refreshed', 'success', app_id, authenticator_id, user_id, grant_id, $11, $12, $13::jsonb FROM g
       ), w AS (
         SELECT fw_enqueue_connection_event('connection.recovered', app_id, authenticator_id, user_id, status, NULL, scopes) AS id
           FROM g WHERE $14::boolean OR EXISTS (SELECT 1 FROM c)
       )
       SELECT grant_id, (SELECT max(id) FROM w) AS webhook_event_id FROM g`,
      [
        grant.grantId, leaseId, updated.accessToken, updated.refreshToken, updated.encryptionKeyId, updated.expiresAt, JSON.stringify(updated.scopes),
        updated.status, now, grant.accessToken, settings.type, call.durationMs, JSON.stringify(details(writeAttempts, late)),
        grant.refreshFailureCount > 0,
      ],
      { name: "refresh-save-tokens" },
    );
    if (rows.length) {
      await wakeEvents([rows[0]!.webhook_event_id]);
      return "saved";
    }
    const [still] = await rawQuery<{ n: number }>("SELECT 1 AS n FROM oauth_token_grants WHERE grant_id = $1", [grant.grantId]);
    return still ? "lost" : "gone";
  };

  let lastError: unknown;
  for (let attempt = 1; attempt <= WRITE_RETRY_DELAYS_MS.length + 1; attempt++) {
    try {
      const outcome = await write(attempt);
      if (outcome === "saved") return { kind: "saved", grant: updated, writeAttempts: attempt };
      return { kind: outcome };
    } catch (error) {
      lastError = error;
      if (attempt <= WRITE_RETRY_DELAYS_MS.length) await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_DELAYS_MS[attempt - 1]));
    }
  }
  logger.error({ grantId: grant.grantId, err: (lastError as Error)?.message }, "could not store refreshed tokens; keeping them in memory and retrying");
  pending.set(grant.grantId, { grant: updated, write: () => write(WRITE_RETRY_DELAYS_MS.length + 2, true), since: Date.now() });
  lateWriter ??= setInterval(() => void writeLate(), LATE_WRITE_INTERVAL_MS).unref();
  return { kind: "pending", grant: updated };
}

async function writeLate(): Promise<void> {
  for (const [grantId, entry] of pending) {
    try {
      const outcome = await entry.write();
      pending.delete(grantId);
      if (outcome !== "saved") logger.warn({ grantId, outcome }, "refreshed tokens written late were discarded");
    } catch {
      if (Date.now() - entry.since > LATE_WRITE_GIVE_UP_MS) {
        pending.delete(grantId);
        logger.error({ grantId }, "gave up storing refreshed tokens; the connection will need to be reconnected");
      }
    }
  }
  if (!pending.size && lateWriter) {
    clearInterval(lateWriter);
    lateWriter = undefined;
  }
}

/** Write every pending refresh now (tests, and shutdown). */
export async function flushPendingRefreshes(): Promise<number> {
  await writeLate();
  return pending.size;
}

const NEEDS_REAUTH_REASON = "The provider refused the refresh token; reconnect to continue";

/**
 * invalid_grant: the provider refused the refresh token. The grant is revoked and the connection
 * needs_reauth, in one statement with its event, but only while the lease is ours and the stored
 * refresh token is still the one that was refused: if another holder stored newer tokens meanwhile
 * (its ciphertext changes on every write), the connection is fine and nothing is marked.
 */
export async function markNeedsReauth(grant: OAuthTokenGrant, settings: ProviderSettings, leaseId: string, reason: string): Promise<boolean> {
  const rows = await rawQuery<{ grant_id: string; webhook_event_id: string | null }>(
    `WITH g AS (
       UPDATE oauth_token_grants SET status = 'revoked', is_revoked = true, last_error = $3,
              refresh_lease_id = NULL, refresh_lease_until = NULL, updated_at = now()
        WHERE grant_id = $1 AND refresh_token = $2 AND refresh_lease_id = $5
       RETURNING grant_id, app_id, authenticator_id, user_id, scopes
     ), c AS (
       UPDATE user_app_oauth_authentications SET auth_status = 'needs_reauth', status_reason = $6, updated_at = now()
        WHERE grant_id IN (SELECT grant_id FROM g)
     ), e AS (
       INSERT INTO oauth_events (event_type, outcome, app_id, authenticator_id, subject_user_id, grant_id, provider, details)
       SELECT 'token.refresh_failed', 'failure', app_id, authenticator_id, user_id, grant_id, $4,
              jsonb_build_object('error', 'invalid_grant', 'result', 'needs_reauth') FROM g
     ), w AS (
       SELECT fw_enqueue_connection_event('connection.needs_reauth', app_id, authenticator_id, user_id, 'needs_reauth', $6, scopes) AS id FROM g
     )
     SELECT grant_id, (SELECT max(id) FROM w) AS webhook_event_id FROM g`,
    [grant.grantId, grant.refreshToken, `invalid_grant: ${reason}`.slice(0, 500), settings.type, leaseId, NEEDS_REAUTH_REASON],
  );
  if (rows[0]) await wakeEvents([rows[0].webhook_event_id]);
  return rows.length === 1;
}

/**
 * The provider kept failing: count the failure, start a cooldown (30 s doubling to 15 min) during
 * which the grant is not retried, release the lease, and record it. Returns the cooldown in seconds.
 */
export async function markRefreshFailed(
  grant: OAuthTokenGrant,
  provider: string,
  leaseId: string,
  call: { error: string; durationMs: number; attempts: number },
): Promise<number | null> {
  logger.warn({ grantId: grant.grantId, provider, err: call.error }, "token refresh failed");
  const [row] = await rawQuery<{ cooldown: number; webhook_event_id: string | null }>(
    `WITH g AS (
       UPDATE oauth_token_grants SET refresh_failure_count = refresh_failure_count + 1,
              next_refresh_after = now() + make_interval(secs => LEAST(30 * power(2, refresh_failure_count), 900)),
              last_error = $3, refresh_lease_id = NULL, refresh_lease_until = NULL, updated_at = now()
        WHERE grant_id = $1 AND refresh_lease_id = $2
       RETURNING grant_id, app_id, authenticator_id, user_id, refresh_failure_count, scopes, status,
                 ceil(extract(epoch FROM next_refresh_after - now()))::int AS cooldown
     ), e AS (
       INSERT INTO oauth_events (event_type, outcome, app_id, authenticator_id, subject_user_id, grant_id, provider, duration_ms, details)
       SELECT 'token.refresh_failed', 'failure', app_id, authenticator_id, user_id, grant_id, $4, $5,
              jsonb_build_object('error', $6::text, 'failures', refresh_failure_count, 'cooldown_seconds', cooldown, 'provider_attempts', $7::int) FROM g
     ), w AS (
       -- Once per run of failures: when the first cooldown begins (connection.recovered ends the run).
       SELECT fw_enqueue_connection_event('connection.refresh_failed', app_id, authenticator_id, user_id, status,
                'The provider failed to refresh the token; retrying after a cooldown', scopes,
                jsonb_build_object('error', $6::text, 'cooldown_seconds', cooldown)) AS id
         FROM g WHERE refresh_failure_count = 1
     )
     SELECT cooldown, (SELECT max(id) FROM w) AS webhook_event_id FROM g`,
    [grant.grantId, leaseId, call.error.slice(0, 500), provider, call.durationMs, call.error.slice(0, 300), call.attempts],
  );
  if (row) await wakeEvents([row.webhook_event_id]);
  return row?.cooldown ?? null;
}
