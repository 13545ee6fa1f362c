import "server-only";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import type { AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { serializeApp, type PublicApp } from "./serialize-app";

export async function getAppOrThrow({ ctx, appId }: { ctx: AuthedContext; appId: string }): Promise<PublicApp> {
  const db = getPrisma();
  const role = await requireAppRole(db, ctx, appId, ANY_ROLE);
  return serializeApp(await db.app.findUniqueOrThrow({ where: { appId } }), role);
}
