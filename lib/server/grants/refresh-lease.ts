import "server-only";
import { rawQuery } from "../db/raw-pool";

/**
 * Leases in the grant row are how processes agree on who refreshes a grant, without a row lock or
 * a transaction held while the provider is called. A lease is an id and an expiry; it is claimed
 * with a conditional UPDATE, renewed just before the provider is called, and cleared by the write of
 * the outcome. A holder that dies leaves a lease that simply expires. LEASE_MS outlasts the longest
 * refresh once renewed (3 attempts of 10 s + backoff, then the write's retries).
 */
export const LEASE_MS = 120_000;
/**
 * The sweep's batch claim reserves grants only briefly: a queued grant it has not started yet must
 * not keep an on-demand caller with an expired token waiting. Starting one extends it to LEASE_MS.
 */
export const SWEEP_RESERVE_MS = 15_000;

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
    { name: "refresh-claim-lease" },
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

