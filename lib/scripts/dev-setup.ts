// Runs before `next dev`: generates development secrets on first run and migrates the database,
// so that `npm install && npm run dev` works on a fresh machine with no .env and no database server.
import { encryptionKeysSetting, nextAuthSecret } from "../server/env";
import { databaseKind, pgliteDir } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { openExecutor } from "../server/db/open-executor";

async function main() {
  encryptionKeysSetting();
  nextAuthSecret();
  const kind = databaseKind();
  console.log(kind === "postgres" ? "Database: PostgreSQL (DATABASE_URL)" : `Database: embedded PGlite in ${pgliteDir()} (set DATABASE_URL to use PostgreSQL)`);
  const db = await openExecutor();
  try {
    const result = await migrate(db);
    if (!result.applied.length) console.log(`Database is up to date (${result.alreadyApplied} migration(s)).`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
