import "server-only";
import type { OAuthTokenGrant } from "../../generated/prisma/client";
import { rawQuery } from "../db/raw-pool";
import { providerSettings, type AuthenticatorRow, type ProviderSettings } from "../oauth/provider-settings";
import { sweepDueCondition } from "../policy/refresh-window";
import { REFRESHABLE_GRANT_STATUSES } from "../policy/servable";
import { LEASE_MS, SWEEP_RESERVE_MS } from "./refresh-lease";

// The refresh path's reads, as plain SQL on the raw pool: it runs for every grant the sweep
// refreshes (thousands a minute), where Prisma's per-query cost was most of the CPU spent.

const COLUMNS = `g.grant_id, g.user_id, g.app_id, g.authenticator_id, g.access_token, g.refresh_token, g.id_token, g.encryption_key_id,
  g.token_type, g.expires_at, g.scopes, g.is_revoked, g.status, g.last_error, g.last_refreshed_at, g.refresh_failure_count,
  g.next_refresh_after, g.refresh_lease_id, g.refresh_lease_until, g.created_at, g.updated_at,
  a.authenticator_name, a.authenticator_type, a.client_id, a.client_secret, a.authorize_url, a.token_url, a.redirect_uri,
  a.scopes AS a_scopes, a.configuration, a.updated_at AS a_updated_at`;

type Row = {
  grant_id: string; user_id: number; app_id: string; authenticator_id: string; access_token: string; refresh_token: string | null;
  id_token: string | null; encryption_key_id: string; token_type: string; expires_at: Date | null; scopes: unknown; is_revoked: boolean;
  status: string; last_error: string | null; last_refreshed_at: Date | null; refresh_failure_count: number; next_refresh_after: Date | null;
  refresh_lease_id: string | null; refresh_lease_until: Date | null; created_at: Date; updated_at: Date;
  authenticator_name: string; authenticator_type: string; client_id: string; client_secret: string; authorize_url: string; token_url: string;
  redirect_uri: string; a_scopes: unknown; configuration: unknown; a_updated_at: Date;
};

export type LoadedGrant = {
  grant: OAuthTokenGrant;
  authenticator: AuthenticatorRow & { updatedAt: Date };
  settings: () => ProviderSettings;
  /** When this copy was read (the sweep refreshes from its claim's copy while it is recent). */
  readAt: number;
};

function toLoaded(r: Row): LoadedGrant {
  const authenticator = {
    authenticatorId: r.authenticator_id, appId: r.app_id, authenticatorType: r.authenticator_type, authenticatorName: r.authenticator_name,
    clientId: r.client_id, clientSecret: r.client_secret, authorizeUrl: r.authorize_url, tokenUrl: r.token_url, redirectUri: r.redirect_uri,
    scopes: r.a_scopes, configuration: r.configuration, updatedAt: r.a_updated_at,
  };
  return {
    grant: {
      grantId: r.grant_id, userId: r.user_id, appId: r.app_id, authenticatorId: r.authenticator_id, accessToken: r.access_token,
      refreshToken: r.refresh_token, idToken: r.id_token, encryptionKeyId: r.encryption_key_id, tokenType: r.token_type, expiresAt: r.expires_at,
      scopes: r.scopes as OAuthTokenGrant["scopes"], isRevoked: r.is_revoked, status: r.status, lastError: r.last_error, lastRefreshedAt: r.last_refreshed_at,
      refreshFailureCount: r.refresh_failure_count, nextRefreshAfter: r.next_refresh_after, refreshLeaseId: r.refresh_lease_id,
      refreshLeaseUntil: r.refresh_lease_until, createdAt: r.created_at, updatedAt: r.updated_at,
    },
    authenticator,
    settings: () => cachedSettings(authenticator),
    readAt: Date.now(),
  };
}

/** A grant with its authenticator, as it is now. */
export async function loadGrant(grantId: string): Promise<LoadedGrant | null> {
  const [row] = await rawQuery<Row>(
    `SELECT ${COLUMNS} FROM oauth_token_grants g JOIN oauth_authenticators a ON a.authenticator_id = g.authenticator_id WHERE g.grant_id = $1`,
    [grantId],
    { name: "refresh-load-grant" },
  );
  return row ? toLoaded(row) : null;
}

/**
 * The sweep held this grant's lease (from its batch claim): extend it and read the grant in the
 * same statement, when the claim's copy is too old to trust. Null when the lease is no longer ours.
 */
export async function extendSweepLease(grantId: string, leaseId: string): Promise<LoadedGrant | null> {
  const [row] = await rawQuery<Row>(
    `WITH x AS (
       UPDATE oauth_token_grants SET refresh_lease_until = now() + make_interval(secs => ${LEASE_MS / 1000})
        WHERE grant_id = $1 AND refresh_lease_id = $2 RETURNING grant_id)
     SELECT ${COLUMNS} FROM x JOIN oauth_token_grants g ON g.grant_id = x.grant_id JOIN oauth_authenticators a ON a.authenticator_id = g.authenticator_id`,
    [grantId, leaseId],
    { name: "refresh-extend-lease" },
  );
  return row ? toLoaded(row) : null;
}

/**
 * The sweep's claim: up to `limit` due, unleased grants, taken round-robin across authenticators
 * (each one's earliest first) so one provider with many due grants cannot starve the others, and
 * returned whole, so refreshing them needs no further read. The outer WHERE is re-checked by
 * PostgreSQL on rows another sweep claimed a moment earlier, so two sweeps never claim the same grant.
 */
export async function claimDueGrants(leaseId: string, limit: number, skipAuthenticators: string[] = []): Promise<LoadedGrant[]> {
  const rows = await rawQuery<Row>(
    `WITH due AS (
       SELECT g.grant_id, g.expires_at, row_number() OVER (PARTITION BY g.authenticator_id ORDER BY g.expires_at) AS turn
         FROM oauth_token_grants g JOIN oauth_authenticators a ON a.authenticator_id = g.authenticator_id
        WHERE g.status = ANY($3) AND NOT g.is_revoked AND g.refresh_token IS NOT NULL AND a.is_active
          AND ${sweepDueCondition()}
          AND (g.next_refresh_after IS NULL OR g.next_refresh_after < now())
          AND (g.refresh_lease_until IS NULL OR g.refresh_lease_until < now())
          AND g.authenticator_id <> ALL($4)
     ), pick AS (SELECT grant_id FROM due ORDER BY turn, expires_at LIMIT $2)
     UPDATE oauth_token_grants g SET refresh_lease_id = $1, refresh_lease_until = now() + make_interval(secs => ${SWEEP_RESERVE_MS / 1000})
       FROM pick, oauth_authenticators a
      WHERE g.grant_id = pick.grant_id AND a.authenticator_id = g.authenticator_id
        AND (g.refresh_lease_until IS NULL OR g.refresh_lease_until < now())
     RETURNING ${COLUMNS}`,
    [leaseId, limit, [...REFRESHABLE_GRANT_STATUSES], skipAuthenticators],
    { name: "sweep-claim" },
  );
  return rows.map(toLoaded);
}

// Provider settings (the client secret decrypted, the template resolved) per authenticator
// version: the sweep refreshes many grants of few authenticators.
const settingsCache = new Map<string, ProviderSettings>();

function cachedSettings(row: AuthenticatorRow & { updatedAt: Date }): ProviderSettings {
  const key = `${row.authenticatorId}:${row.updatedAt.getTime()}`;
  let settings = settingsCache.get(key);
  if (!settings) {
    if (settingsCache.size > 500) settingsCache.clear();
    settings = providerSettings(row);
    settingsCache.set(key, settings);
  }
  return settings;
}
