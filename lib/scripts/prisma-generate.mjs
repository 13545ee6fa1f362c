// postinstall: generate Prisma Client into lib/generated/prisma.
// `prisma generate` needs no database and no engine download, but Prisma's CLI insists on a
// schema-engine path existing; any file satisfies it when nothing is migrated through the CLI.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
const bin = existsSync("node_modules/.bin/prisma") ? "node_modules/.bin/prisma" : "prisma";
const result = spawnSync(bin, ["generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
