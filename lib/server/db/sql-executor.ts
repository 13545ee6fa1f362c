import "server-only";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * The few raw-SQL operations the migration runner needs, over either driver. Prisma Client is not
 * used here: migrations must run before the client's view of the schema is true.
 */
export interface SqlExecutor {
  readonly kind: "postgres" | "pglite";
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Run a multi-statement script (a migration file). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export async function pgExecutor(connectionString: string): Promise<SqlExecutor> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    kind: "postgres",
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(script) {
      await client.query(script);
    },
    close: () => client.end(),
  };
}

/** `dir` undefined → in-memory database (tests). */
export async function pgliteExecutor(dir?: string, existing?: PGlite): Promise<SqlExecutor> {
  const db = existing ?? new PGlite(dir);
  await db.waitReady;
  return {
    kind: "pglite",
    async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    close: async () => {
      if (!existing) await db.close();
    },
  };
}
