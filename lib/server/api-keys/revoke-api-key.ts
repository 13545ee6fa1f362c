import "server-only";
import { requireSession, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { NotFoundError } from "../errors";
import { serializeApiKey, type PublicApiKey } from "./serialize-api-key";
import { forgetAllRows } from "../grants/fast-row-cache";

/** Revoke one of the caller's keys; it stops working on the next request. Revoking twice is a no-op. */
export async function revokeApiKey({ ctx, keyId }: { ctx: AuthedContext; keyId: string }): Promise<PublicApiKey> {
  requireSession(ctx);
  const answer = await getPrisma().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, userId: ctx.actor.userId } });
    if (!key) throw new NotFoundError("API key not found", "api_key_not_found");
    if (key.revokedAt) return serializeApiKey(key);
    const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordEvent(tx, ctx, {
      type: "api_key.revoked",
      appId: key.appId,
      details: { api_key_id: key.id, name: key.name, prefix: key.prefix },
    });
    return serializeApiKey(revoked);
  });
  forgetAllRows();
  return answer;
}
