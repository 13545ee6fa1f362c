import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { dataDir } from "../env";
import { logger } from "../logger";

export type Db = PrismaClient;
/** What a service verb receives inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export type DatabaseKind = "postgres" | "pglite";

/**
 * Options for transactions that delete in bulk (an app, an authenticator, a member's or an end
 * user's connections, cascading to thousands of rows): Prisma's 5-second default is too short for
 * them, and they never wait on the network (revocation at providers happens before they open).
 */
export const BULK_DELETE_TX = { timeout: 30_000, maxWait: 10_000 } as const;

/** DATABASE_URL set → PostgreSQL through node-postgres; not set → embedded PGlite in .data/pglite. */
export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

type Holder = { prisma?: PrismaClient; pglite?: PGlite; url?: string };
// One client per process, kept on globalThis so Next's dev reloads do not open a new pool each time.
const holder: Holder = ((globalThis as { __fiberwiseDb?: Holder }).__fiberwiseDb ??= {});

export function getPrisma(): PrismaClient {
  const url = process.env.DATABASE_URL ?? "";
  if (holder.prisma && holder.url === url) return holder.prisma;
  if (url) {
    const onError = (error: Error) => logger.warn({ err: error.message }, "database connection lost");
    holder.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }, { onPoolError: onError, onConnectionError: onError }) });
  } else {
    holder.pglite ??= new PGlite(pgliteDir());
    holder.prisma = new PrismaClient({ adapter: new PrismaPGlite(holder.pglite) });
  }
  holder.url = url;
  return holder.prisma;
}

export async function disconnectPrisma(): Promise<void> {
  const { prisma, pglite } = holder;
  holder.prisma = undefined;
  holder.pglite = undefined;
  await prisma?.$disconnect();
  await pglite?.close();
}
