import "server-only";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseKind } from "../db/client";
import { logger } from "../logger";
import { limitSpec, type LimitName, type LimitSpec } from "./limits";

export const RATE_LIMIT_TABLE = "rate_limits";

type Holder = { url?: string; pool?: pg.Pool; limiters: Map<string, RateLimiterAbstract> };
// On globalThis: the production server's bundle and Next's route bundles share one process, and
// must share one set of counters (and `next dev` reloads must not open a pool each time).
const holder: Holder = ((globalThis as { __fiberwiseRateLimits?: Holder }).__fiberwiseRateLimits ??= { limiters: new Map() });

/**
 * The limiter behind a limit: rate-limiter-flexible's PostgreSQL store when DATABASE_URL is set (its
 * atomic upsert makes a limit hold across every instance sharing the database), its memory store
 * with the embedded single-process PGlite. The table comes from a migration (tableCreated: true).
 */
export function limiterFor(name: LimitName): { limiter: RateLimiterAbstract; spec: LimitSpec } {
  const spec = limitSpec(name);
  const url = process.env.DATABASE_URL ?? "";
  if (holder.url !== url) {
    void holder.pool?.end();
    holder.pool = undefined;
    holder.limiters.clear();
    holder.url = url;
  }
  const id = `${name}:${spec.points}/${spec.windowSeconds}`;
  let limiter = holder.limiters.get(id);
  if (!limiter) {
    const options = { keyPrefix: name, points: spec.points, duration: spec.windowSeconds };
    limiter =
      databaseKind() === "postgres"
        ? new RateLimiterPostgres({ ...options, storeClient: pool(url), storeType: "pool", tableName: RATE_LIMIT_TABLE, tableCreated: true })
        : new RateLimiterMemory(options);
    holder.limiters.set(id, limiter);
  }
  return { limiter, spec };
}

// Its own small pool: a flood of sign-in attempts must not take the connections the token fast
// path and Prisma need (and those pools' limits must not make a limit check wait).
export function pool(url: string): pg.Pool {
  if (!holder.pool) {
    holder.pool = new pg.Pool({ connectionString: url, max: 4 });
    holder.pool.on("error", (error) => logger.warn({ err: error.message }, "rate limit pool connection error"));
  }
  return holder.pool;
}

/** Close the store's pool (tests, shutdown). */
export async function closeRateLimitStore(): Promise<void> {
  const current = holder.pool;
  holder.pool = undefined;
  holder.limiters.clear();
  holder.url = undefined;
  await current?.end();
}
