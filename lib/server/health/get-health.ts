import "server-only";
import type { Health } from "../../schemas/health";
import { databaseKind, getPrisma } from "../db/client";
import { readMigrations } from "../db/migrate";

export type { Health };

/** Liveness and readiness in one: the database answers and no migration is pending. */
export async function getHealth(): Promise<Health> {
  const kind = databaseKind();
  try {
    const rows = await getPrisma().$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.name));
    const pending = readMigrations().filter((m) => !applied.has(m.name)).length;
    return {
      status: pending === 0 ? "ok" : "degraded",
      database: { kind, reachable: true, migrations_applied: applied.size, migrations_pending: pending },
    };
  } catch {
    return { status: "degraded", database: { kind, reachable: false, migrations_applied: 0, migrations_pending: 0 } };
  }
}
