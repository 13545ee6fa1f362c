import "server-only";
import type { AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { actingAppId } from "../policy/app-access";
import { serializeApp, type PublicApp } from "./serialize-app";

/** The apps the caller belongs to (an app-restricted API key sees only its app). */
export async function listApps({ ctx }: { ctx: AuthedContext }): Promise<PublicApp[]> {
  const only = actingAppId(ctx.actor);
  const memberships = await getPrisma().appMember.findMany({
    where: {
      userId: ctx.actor.userId,
      ...(only ? { appId: only } : {}),
    },
    include: { app: true },
    orderBy: { app: { name: "asc" } },
  });
  return memberships.map((m) => serializeApp(m.app, m.role));
}
