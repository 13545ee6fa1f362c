// npm run db:migrate: apply pending migrations to DATABASE_URL (or the embedded database).
import { databaseKind, pgliteDir } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { openExecutor } from "../server/db/open-executor";

async function main() {
  const target = databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite (${pgliteDir()})`;
  console.log(`Migrating ${target}`);
  const db = await openExecutor();
  try {
    const result = await migrate(db);
    console.log(
      result.applied.length
        ? `✔ Applied ${result.applied.length} migration(s); ${result.alreadyApplied} were already applied.`
        : `✔ Database is up to date (${result.alreadyApplied} migration(s) applied).`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
