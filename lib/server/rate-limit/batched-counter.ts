import "server-only";
import type pg from "pg";
import { logger } from "../logger";
import { decision, type RateDecision } from "./decision";
import type { LimitSpec } from "./limits";
import { RATE_LIMIT_TABLE } from "./store";

/** Adds each key's delta to the shared counter; answers each key's total and ms left in its window. */
export type SyncCounts = (deltas: Map<string, number>, windowMs: number) => Promise<Map<string, { points: number; msBeforeNext: number }>>;

// synced: the shared total as last seen; inflight: our counts being written; pending: not yet sent.
type Entry = { synced: number; inflight: number; pending: number; resetAt: number };

/**
 * A per-key fixed-window limit for requests that are too hot for a database round trip each (every
 * API request, including the token fast path). Hand-written on top of rate-limiter-flexible's
 * PostgreSQL store because the library makes one upsert per key per consume; here each process
 * counts in memory and adds its counts to the same rate_limits rows in one multi-row upsert per
 * flush (same key format and window semantics as the library, so its `get` reads them). A process
 * decides from the last total it saw plus its own unsynced count, so across instances the limit
 * can be overshot by at most the other instances' unsynced counts: one batch (1% of the limit) or
 * one flush interval of traffic each.
 */
export class BatchedCounter {
  private readonly entries = new Map<string, Entry>();
  private readonly batch: number;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    readonly spec: LimitSpec,
    private readonly sync: SyncCounts,
    private readonly flushIntervalMs = 1000,
  ) {
    this.batch = Math.max(1, Math.ceil(spec.points / 100));
  }

  /** Count one request for `key` unless the window is exhausted. Synchronous; no I/O. */
  consume(key: string): RateDecision {
    const now = Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { synced: 0, inflight: 0, pending: 0, resetAt: now + this.spec.windowSeconds * 1000 };
      this.entries.set(key, entry);
    }
    const used = entry.synced + entry.inflight + entry.pending;
    if (used >= this.spec.points) return decision(this.spec, used + 1, entry.resetAt - now);
    entry.pending++;
    if (entry.pending >= this.batch) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs).unref();
    return decision(this.spec, used + 1, entry.resetAt - now);
  }

  /** The state of `key`'s window without counting a request. */
  peek(key: string): RateDecision {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (!entry || entry.resetAt <= now) return decision(this.spec, 0, this.spec.windowSeconds * 1000);
    return decision(this.spec, entry.synced + entry.inflight + entry.pending, entry.resetAt - now);
  }

  /** Push every unsynced count to the store, waiting for any flush under way. */
  async flush(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      if (this.flushing) await this.flushing;
      else if (this.hasPending(1)) this.kick();
      else return;
    }
  }

  // One flush at a time; when it ends, a full batch goes out at once and a partial one on the timer.
  private kick(): void {
    if (this.flushing) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushOnce().finally(() => {
      this.flushing = undefined;
      if (this.hasPending(this.batch)) this.kick();
      else if (this.hasPending(1)) this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs).unref();
    });
  }

  private hasPending(atLeast: number): boolean {
    for (const entry of this.entries.values()) if (entry.pending >= atLeast) return true;
    return false;
  }

  private async flushOnce(): Promise<void> {
    const now = Date.now();
    const deltas = new Map<string, number>();
    for (const [key, entry] of this.entries) {
      if (entry.pending > 0) deltas.set(key, entry.pending);
      else if (entry.resetAt <= now) this.entries.delete(key);
    }
    if (!deltas.size) return;
    for (const [key, delta] of deltas) {
      const entry = this.entries.get(key)!;
      entry.pending -= delta;
      entry.inflight += delta;
    }
    try {
      const totals = await this.sync(deltas, this.spec.windowSeconds * 1000);
      const at = Date.now();
      for (const [key, delta] of deltas) {
        const entry = this.entries.get(key);
        const total = totals.get(key);
        if (!entry) continue;
        entry.inflight -= delta;
        if (total) Object.assign(entry, { synced: total.points, resetAt: at + total.msBeforeNext });
        else entry.synced += delta;
      }
    } catch (error) {
      // Keep the counts for the next flush; the limit keeps working on local counts meanwhile.
      for (const [key, delta] of deltas) {
        const entry = this.entries.get(key);
        if (entry) Object.assign(entry, { inflight: entry.inflight - delta, pending: entry.pending + delta });
      }
      logger.warn({ err: (error as Error).message }, "could not synchronise API key request counts");
    }
  }
}

/** The PostgreSQL sync: the library's upsert (reset an expired window, else add), for many keys at once. */
export function postgresSync(pool: pg.Pool, keyPrefix: string): SyncCounts {
  return async (deltas, windowMs) => {
    const keys = [...deltas.keys()];
    const now = Date.now();
    const { rows } = await pool.query<{ key: string; points: number; expire: string }>(
      `INSERT INTO ${RATE_LIMIT_TABLE} AS r (key, points, expire)
         SELECT k, p, $3::bigint FROM unnest($1::varchar[], $2::int[]) AS t(k, p)
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN r.expire <= $4 THEN excluded.points ELSE r.points + excluded.points END,
         expire = CASE WHEN r.expire <= $4 THEN excluded.expire ELSE r.expire END
       RETURNING key, points, expire`,
      [keys.map((k) => `${keyPrefix}:${k}`), keys.map((k) => deltas.get(k)!), now + windowMs, now],
    );
    const start = keyPrefix.length + 1;
    return new Map(rows.map((row) => [row.key.slice(start), { points: row.points, msBeforeNext: Math.max(0, Number(row.expire) - Date.now()) }]));
  };
}

/** Without a shared database (embedded PGlite, one process) the local count is the whole count. */
export const localSync: SyncCounts = async () => new Map();
