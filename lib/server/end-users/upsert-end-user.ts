import "server-only";
import type { EndUserInput } from "../../schemas/end-users";
import type { Tx } from "../db/client";

/**
 * The end user `input.id` of an app, created on first sight (a users row of kind end_user, which
 * can never sign in, and its end_users row) and updated with whatever the app tells us now. The
 * advisory lock makes two concurrent first sightings create one end user, not fail on a duplicate.
 */
export async function upsertEndUser(tx: Tx, appId: string, input: EndUserInput): Promise<{ userId: number; created: boolean }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${appId}/${input.id}`}, 7302))`;
  const known = await tx.endUser.findUnique({ where: { appId_endUserId: { appId, endUserId: input.id } } });
  const profile = {
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
  };
  if (known) {
    if (Object.keys(profile).length) await tx.endUser.update({ where: { userId: known.userId }, data: profile });
    return { userId: known.userId, created: false };
  }
  const user = await tx.user.create({ data: { kind: "end_user", email: null, name: input.display_name ?? null } });
  await tx.endUser.create({ data: { userId: user.id, appId, endUserId: input.id, ...profile } });
  return { userId: user.id, created: true };
}
