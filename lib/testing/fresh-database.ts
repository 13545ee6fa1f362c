import { afterAll, beforeAll } from "vitest";
import { disconnectPrisma } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { pgExecutor } from "../server/db/sql-executor";
import { createTestDatabase, dropTestDatabase } from "./test-database";

/**
 * Give the calling test file a private, freshly migrated database (for tests that need an empty
 * platform or rewrite whole tables), instead of the run's shared one.
 */
export function withFreshDatabase(prefix: string): void {
  const original = process.env.DATABASE_URL;
  let name = "";
  beforeAll(async () => {
    const db = await createTestDatabase(prefix);
    name = db.name;
    const executor = await pgExecutor(db.url);
    await migrate(executor, { log: () => {} }).finally(() => executor.close());
    process.env.DATABASE_URL = db.url;
  });
  afterAll(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = original;
    if (name) await dropTestDatabase(name);
  });
}
