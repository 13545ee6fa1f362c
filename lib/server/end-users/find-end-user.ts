import "server-only";
import type { Db, Tx } from "../db/client";
import { getPrisma } from "../db/client";

/** An app's end user by the app's own id for them, or null. */
export function findEndUser(appId: string, endUserId: string, db: Db | Tx = getPrisma()) {
  return db.endUser.findUnique({ where: { appId_endUserId: { appId, endUserId } } });
}
