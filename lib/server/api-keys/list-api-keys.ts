import "server-only";
import { requireSession, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { serializeApiKey, type PublicApiKey } from "./serialize-api-key";

/** The caller's own keys, newest first, revoked ones included so the history stays visible. */
export async function listApiKeys({ ctx }: { ctx: AuthedContext }): Promise<PublicApiKey[]> {
  requireSession(ctx);
  const keys = await getPrisma().apiKey.findMany({ where: { userId: ctx.actor.userId }, orderBy: { createdAt: "desc" } });
  return keys.map(serializeApiKey);
}
