import "server-only";

type Entry<T> = { at: number; row: T; grantId: string | null };

// Shared by the production server's bundle and Next's (both load this module in one process).
const rows: Map<string, Entry<unknown>> = ((globalThis as { __fiberwiseFastRows?: Map<string, Entry<unknown>> }).__fiberwiseFastRows ??= new Map());
const MAX_ENTRIES = 10_000;

export function fastRowKey(keyHash: string, authenticatorId: string, appId: string | null, endUserId: string | null): string {
  return `${keyHash}\u0000${authenticatorId}\u0000${appId ?? ""}\u0000${endUserId ?? "\u0001"}`;
}

/**
 * The fast path's row, read at most once per `ttlMs` per key (the proxy's hot loop: an agent paging
 * through an API makes many calls for one user a second). Only rows that exist are kept; what
 * they say is judged again on every use, so a cached row never outlives key expiry or the refresh
 * window. What it can outlive, by ttlMs at most, is a change elsewhere: a revoked key, a removed
 * member, a disconnect (whose token the provider has already refused by then).
 */
export async function cachedRow<T extends { grant_id?: string | null }>(key: string, ttlMs: number, read: () => Promise<T | undefined>): Promise<T | undefined> {
  const now = Date.now();
  const hit = rows.get(key);
  if (hit && now - hit.at < ttlMs) return hit.row as T;
  const row = await read();
  if (row === undefined) {
    rows.delete(key);
    return undefined;
  }
  if (rows.size >= MAX_ENTRIES) rows.delete(rows.keys().next().value!);
  rows.delete(key);
  rows.set(key, { at: now, row, grantId: row.grant_id ?? null });
  return row;
}

/** Drop a cached row (its token was just refused by the provider and refreshed). */
export function forgetRow(key: string): void {
  rows.delete(key);
}

/** Forget every cached row of a grant (refreshed, marked needs_reauth, or deleted in this process). */
export function forgetGrant(grantId: string): void {
  for (const [key, entry] of rows) if (entry.grantId === grantId) rows.delete(key);
}

/**
 * Forget every cached row: after a change that can end access (a member removed, an end user,
 * authenticator or app deleted, a key revoked, a connection replaced). Such changes are rare, and
 * emptying the cache is cheaper than working out which rows they touch.
 */
export function forgetAllRows(): void {
  rows.clear();
}
