import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { SqlExecutor } from "./sql-executor";

/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql and records each one in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, columns, sha256
 * checksum and advisory lock key), so either tool can take over from the other. Written by hand
 * because Prisma's own migrate engine is a downloaded binary that some machines cannot fetch.
 */

// Resolved from the working directory at run time (the repo root for npm scripts and `next start`).
export const MIGRATIONS_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");

// The advisory lock key Prisma's migrate engine uses: our runner and Prisma's exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export type LocalMigration = { name: string; script: string; checksum: string };

export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

export function readMigrations(dir = MIGRATIONS_DIR): LocalMigration[] {
  return readdirSync(/* turbopackIgnore: true */ dir)
    .filter((name) => statSync(/* turbopackIgnore: true */ path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const script = readFileSync(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: checksumOf(script) };
    });
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export type MigrateResult = { applied: string[]; alreadyApplied: number };

export async function migrate(
  db: SqlExecutor,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const local = readMigrations(options.dir);
  // Session-level lock held across the whole run: a second process waits here, then finds
  // everything applied and does nothing.
  await db.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
  try {
    await db.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await db.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.find((row) => row.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} started but did not finish. Inspect the database, then mark it ` +
          `with \`prisma migrate resolve --rolled-back ${failed.migration_name}\` (or --applied) and run again.`,
      );
    }
    const applied = new Map(live.map((row) => [row.migration_name, row]));
    for (const migration of local) {
      const row = applied.get(migration.name);
      if (row && row.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in ` +
            `the database, ${migration.checksum.slice(0, 12)}… on disk). Applied migrations must not be edited: ` +
            `restore the file and put the change in a new migration.`,
        );
      }
    }
    const known = new Set(local.map((m) => m.name));
    for (const name of applied.keys()) {
      if (!known.has(name)) log(`warning: migration ${name} is applied to the database but missing from ${options.dir ?? MIGRATIONS_DIR}`);
    }

    const pending = local.filter((m) => !applied.has(m.name));
    for (const migration of pending) {
      await applyOne(db, migration, log);
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: local.length - pending.length };
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`);
  }
}

async function applyOne(db: SqlExecutor, migration: LocalMigration, log: (line: string) => void) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  const started = Date.now();
  try {
    // One transaction per migration: a failure leaves the schema as it was, so the row can be
    // marked rolled back and the next run retries it.
    await db.exec(`BEGIN;\n${migration.script}\n;COMMIT;`);
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await db.query(`UPDATE "_prisma_migrations" SET logs = $2, rolled_back_at = now() WHERE id = $1`, [id, message]);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`);
  }
  await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
  log(`applied ${migration.name} (${Date.now() - started} ms)`);
}
