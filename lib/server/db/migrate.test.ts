import { cpSync, mkdtempSync, appendFileSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, dropTestDatabase } from "../../testing/test-database";
import { checksumOf, migrate, MIGRATIONS_DIR, MigrationError, readMigrations } from "./migrate";
import { pgExecutor, pgliteExecutor, type SqlExecutor } from "./sql-executor";

const quiet = { log: () => {} };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDb(): Promise<{ url: string; open: () => Promise<SqlExecutor> }> {
  const db = await createTestDatabase("fw_migrate");
  cleanups.push(() => dropTestDatabase(db.name));
  return {
    url: db.url,
    open: async () => {
      const ex = await pgExecutor(db.url);
      cleanups.push(() => ex.close());
      return ex;
    },
  };
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fw-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

const tableNames = async (db: SqlExecutor) =>
  (await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  )).map((r) => r.table_name);

describe("migration runner", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    const db = await (await freshDb()).open();
    const local = readMigrations();
    const first = await migrate(db, quiet);
    expect(first.applied).toEqual(local.map((m) => m.name));

    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at`);
    expect(rows).toHaveLength(local.length);
    for (const [i, row] of rows.entries()) {
      expect(row.migration_name).toBe(local[i]!.name);
      expect(row.checksum).toBe(checksumOf(readFileSync(path.join(MIGRATIONS_DIR, local[i]!.name, "migration.sql"), "utf8")));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const columns = await db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
      "id:character varying", "checksum:character varying", "finished_at:timestamp with time zone",
      "migration_name:character varying", "logs:text", "rolled_back_at:timestamp with time zone",
      "started_at:timestamp with time zone", "applied_steps_count:integer",
    ]);
  });

  it("is a no-op the second time", async () => {
    const db = await (await freshDb()).open();
    await migrate(db, quiet);
    const before = await db.query(`SELECT * FROM "_prisma_migrations"`);
    const second = await migrate(db, quiet);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(readMigrations().length);
    expect(await db.query(`SELECT * FROM "_prisma_migrations"`)).toEqual(before);
  });

  it("refuses to run when an applied migration's file changed, and changes nothing", async () => {
    const dir = copyOfMigrations();
    const db = await (await freshDb()).open();
    await migrate(db, { ...quiet, dir });
    const first = readMigrations(dir)[0]!;
    appendFileSync(path.join(dir, first.name, "migration.sql"), "\nCREATE TABLE sneaky (id int);\n");
    mkdirSync(path.join(dir, "29990101000000_later"));
    writeFileSync(path.join(dir, "29990101000000_later", "migration.sql"), "CREATE TABLE later (id int);");

    await expect(migrate(db, { ...quiet, dir })).rejects.toThrow(MigrationError);
    await expect(migrate(db, { ...quiet, dir })).rejects.toThrow(/was changed after it was applied/);
    const tables = await tableNames(db);
    expect(tables).not.toContain("sneaky");
    expect(tables).not.toContain("later");
  });

  it("rolls a failing migration back, records it, and retries it once fixed", async () => {
    const dir = copyOfMigrations();
    const migrationDir = path.join(dir, "29990101000000_broken");
    mkdirSync(migrationDir);
    writeFileSync(path.join(migrationDir, "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT no_such_function();");
    const db = await (await freshDb()).open();

    await expect(migrate(db, { ...quiet, dir })).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    expect(await tableNames(db)).not.toContain("half_done");
    const [failed] = await db.query<{ rolled_back_at: Date | null; logs: string }>(
      `SELECT rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    expect(failed!.rolled_back_at).toBeInstanceOf(Date);
    expect(failed!.logs).toContain("no_such_function");

    writeFileSync(path.join(migrationDir, "migration.sql"), "CREATE TABLE half_done (id int);");
    const retry = await migrate(db, { ...quiet, dir });
    expect(retry.applied).toEqual(["29990101000000_broken"]);
    expect(await tableNames(db)).toContain("half_done");
  });

  it("lets only one of two concurrent runners apply (advisory lock)", async () => {
    const target = await freshDb();
    const [a, b] = await Promise.all([target.open(), target.open()]);
    const results = await Promise.all([migrate(a, quiet), migrate(b, quiet)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, readMigrations().length]);
    const [{ count }] = (await a.query<{ count: string }>(`SELECT count(*)::text AS count FROM "_prisma_migrations"`)) as [
      { count: string },
    ];
    expect(Number(count)).toBe(readMigrations().length);
  });

  it("gives the spec's four tables the spec's column names", async () => {
    const db = await (await freshDb()).open();
    await migrate(db, quiet);
    const spec: Record<string, string[]> = {
      oauth_authenticators: ["id", "authenticator_id", "authenticator_name", "authenticator_type", "client_id", "client_secret",
        "redirect_uri", "authorize_url", "token_url", "scopes", "configuration", "is_active", "created_at", "updated_at"],
      oauth_token_grants: ["grant_id", "user_id", "authenticator_id", "access_token", "refresh_token", "token_type",
        "expires_at", "scopes", "is_revoked", "created_at", "updated_at"],
      user_app_oauth_authentications: ["auth_id", "user_id", "app_id", "authenticator_id", "grant_id", "auth_status",
        "is_active", "created_at", "last_used_at"],
      oauth_sessions: ["id", "session_id", "authenticator_name", "user_id", "state_token", "redirect_uri", "scopes",
        "created_at", "expires_at"],
    };
    for (const [table, expected] of Object.entries(spec)) {
      const columns = (await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [table],
      )).map((c) => c.column_name);
      expect(columns, table).toEqual(expect.arrayContaining(expected));
    }
  });

  it("migrates the embedded PGlite database through the same runner, and Prisma Client works on it", async () => {
    const pglite = new PGlite();
    const db = await pgliteExecutor(undefined, pglite);
    const result = await migrate(db, quiet);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    expect((await migrate(db, quiet)).applied).toEqual([]);

    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const user = await prisma.user.create({ data: { email: "embedded@example.com" } });
    await prisma.app.create({ data: { appId: "embedded", name: "Embedded", createdById: user.id } });
    expect(await prisma.app.findUnique({ where: { appId: "embedded" }, include: { createdBy: true } })).toMatchObject({
      name: "Embedded",
      createdBy: { email: "embedded@example.com" },
    });
    await prisma.$disconnect();
    await pglite.close();
  });
});
