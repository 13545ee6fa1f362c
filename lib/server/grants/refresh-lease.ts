import { getPrisma } from "../db/client";
import { rawQuery } from "../db/raw-pool";
import { REFRESHABLE_GRANT_STATUSES } from "../policy/servable";
import { sweepDueSql } from "../policy/refresh-window";

/**
 * Leases in the grant row are how processes agree on who refreshes a grant, without a row lock or
 * a transaction held while the provider is called. A lease is an id and an expiry; it is claimed
 * with a conditional UPDATE and cleared by the write of the outcome. A holder that dies leaves a
 * lease that simply expires. LEASE_MS outlasts the longest refresh (3 attempts of 10 s + backoff).
 */
export const LEASE_MS = 60_000;

const LEASE_FREE = "(refresh_lease_until IS NULL OR refresh_lease_until < now())";
const LEASE_FOR = `now() + make_interval(secs => ${LEASE_MS / 1000})`;

/**
 * Claim (or, for its own holder, extend) the lease on one grant, but only if the grant is still the
 * version the caller read (its access-token ciphertext changes on every refresh): whoever claims
 * knows nobody refreshed in between.
 */
export async function claimLease(grantId: string, leaseId: string, seenAccessToken: string): Promise<boolean> {
  const rows = await rawQuery<{ grant_id: string }>(
    `UPDATE oauth_token_grants SET refresh_lease_id = $2, refresh_lease_until = ${LEASE_FOR}
      WHERE grant_id = $1 AND access_token = $3 AND (${LEASE_FREE} OR refresh_lease_id = $2)
     RETURNING grant_id`,
    [grantId, leaseId, seenAccessToken],
  );
  return rows.length === 1;
}

export async function releaseLeases(grantIds: string[], leaseId: string): Promise<void> {
  if (!grantIds.length) return;
  await rawQuery(`UPDATE oauth_token_grants SET refresh_lease_id = NULL, refresh_lease_until = NULL WHERE grant_id = ANY($1) AND refresh_lease_id = $2`, [grantIds, leaseId]);
}

export type LeaseState = { leased: boolean; accessToken: string } | null;

export async function readLease(grantId: string): Promise<LeaseState> {
  const [row] = await rawQuery<{ leased: boolean; access_token: string }>(
    `SELECT NOT ${LEASE_FREE} AS leased, access_token FROM oauth_token_grants WHERE grant_id = $1`,
    [grantId],
  );
  return row ? { leased: row.leased, accessToken: row.access_token } : null;
}

export type ClaimedGrant = { grantId: string; authenticatorId: string };

/**
 * The sweep's claim: up to `limit` due, unleased grants, taken round-robin across authenticators
 * (each one's earliest first) so one provider with many due grants cannot starve the others. The
 * outer WHERE is re-checked by PostgreSQL on rows another sweep claimed a moment earlier, so two
 * sweeps never claim the same grant.
 */
export async function claimDueGrants(leaseId: string, limit: number, skipAuthenticators: string[] = []): Promise<ClaimedGrant[]> {
  const rows = await getPrisma().$queryRaw<Array<{ grant_id: string; authenticator_id: string }>>`
    WITH due AS (
      SELECT g.grant_id, g.expires_at, row_number() OVER (PARTITION BY g.authenticator_id ORDER BY g.expires_at) AS turn
        FROM oauth_token_grants g JOIN oauth_authenticators a ON a.authenticator_id = g.authenticator_id
       WHERE g.status = ANY(${[...REFRESHABLE_GRANT_STATUSES]}) AND NOT g.is_revoked AND g.refresh_token IS NOT NULL AND a.is_active
         AND ${sweepDueSql()}
         AND (g.next_refresh_after IS NULL OR g.next_refresh_after < now())
         AND (g.refresh_lease_until IS NULL OR g.refresh_lease_until < now())
         AND g.authenticator_id <> ALL(${skipAuthenticators})
    ), pick AS (SELECT grant_id FROM due ORDER BY turn, expires_at LIMIT ${limit})
    UPDATE oauth_token_grants g SET refresh_lease_id = ${leaseId}, refresh_lease_until = now() + make_interval(secs => ${LEASE_MS / 1000})
      FROM pick
     WHERE g.grant_id = pick.grant_id AND (g.refresh_lease_until IS NULL OR g.refresh_lease_until < now())
    RETURNING g.grant_id, g.authenticator_id`;
  return rows.map((r) => ({ grantId: r.grant_id, authenticatorId: r.authenticator_id }));
}
