// Prisma CLI configuration. The app itself never reads this: lib/server/db/client.ts builds
// Prisma Client with a driver adapter (PostgreSQL or embedded PGlite).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
