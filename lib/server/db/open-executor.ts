import "server-only";
import { mkdirSync } from "node:fs";
import { pgliteDir } from "./client";
import { pgExecutor, pgliteExecutor, type SqlExecutor } from "./sql-executor";

/** The executor for this process's database: DATABASE_URL, or the embedded one in .data/pglite. */
export async function openExecutor(): Promise<SqlExecutor> {
  const url = process.env.DATABASE_URL;
  if (url) return pgExecutor(url);
  mkdirSync(pgliteDir(), { recursive: true });
  return pgliteExecutor(pgliteDir());
}
