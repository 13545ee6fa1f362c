import "server-only";
import pg from "pg";
import { logger } from "../logger";
import { getPrisma } from "./client";

type Holder = { pool?: pg.Pool; url?: string };
const holder: Holder = ((globalThis as { __fiberwiseRawPool?: Holder }).__fiberwiseRawPool ??= {});

/**
 * Plain node-postgres for the token fast path only: on the hottest request Prisma's per-query
 * overhead is most of the time spent, so that one statement goes straight to the driver (a second,
 * small pool of at most RAW_POOL_MAX connections, default 10). With the embedded database there is
 * one connection, and Prisma's is used.
 */
function pool(url: string): pg.Pool {
  if (!holder.pool || holder.url !== url) {
    void holder.pool?.end();
    holder.pool = new pg.Pool({ connectionString: url, max: Number(process.env.RAW_POOL_MAX ?? 10) });
    // An idle client dropped by the server emits "error" on the pool; unheard, it would crash the
    // process. The pool discards the client and opens a new one on the next query.
    holder.pool.on("error", (error) => logger.warn({ err: error.message }, "database connection lost (token fast path pool)"));
    holder.url = url;
  }
  return holder.pool;
}

export async function rawQuery<T>(sql: string, params: unknown[], options: { name?: string } = {}): Promise<T[]> {
  const url = process.env.DATABASE_URL;
  if (!url) return getPrisma().$queryRawUnsafe<T[]>(sql, ...params);
  // A named statement is parsed and planned once per connection: for the hot joins, planning costs
  // more than running them.
  const p = pool(url);
  const result = options.name ? await p.query({ name: options.name, text: sql, values: params }) : await p.query(sql, params);
  return result.rows as T[];
}

export type RawTx = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/**
 * A short transaction of a few raw statements on the same pool (webhook claims and outcomes): a
 * fraction of an interactive Prisma transaction's cost. Never wait on the network inside `fn`.
 */
export async function rawTransaction<R>(fn: (query: RawTx) => Promise<R>): Promise<R> {
  const url = process.env.DATABASE_URL;
  if (!url) return getPrisma().$transaction((tx) => fn(<T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params)));
  const client = await pool(url).connect();
  try {
    await client.query("BEGIN");
    const result = await fn(async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[]);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
