import type { TestProject } from "vitest/node";
import { migrate } from "../server/db/migrate";
import { pgExecutor } from "../server/db/sql-executor";
import { createTestDatabase, dropTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// One fresh, migrated PostgreSQL database for the whole run, dropped at the end.
export default async function setup(project: TestProject) {
  const db = await createTestDatabase();
  const executor = await pgExecutor(db.url);
  try {
    await migrate(executor, { log: () => {} });
  } finally {
    await executor.close();
  }
  project.provide("databaseUrl", db.url);
  return async () => {
    const { disconnectPrisma } = await import("../server/db/client");
    await disconnectPrisma().catch(() => {});
    await dropTestDatabase(db.name);
  };
}
