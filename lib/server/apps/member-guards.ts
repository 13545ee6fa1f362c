import "server-only";
import type { AppRole } from "../../generated/prisma/client";
import type { Tx } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";

export async function findMember(tx: Tx, appId: string, userId: number) {
  const member = await tx.appMember.findUnique({ where: { appId_userId: { appId, userId } } });
  if (!member) throw new NotFoundError("That user is not a member of this app", "member_not_found");
  return member;
}

export async function assertOwnerRemains(tx: Tx, appId: string, currentRole: AppRole, newRole: AppRole | null) {
  if (currentRole !== "owner" || newRole === "owner") return;
  if ((await tx.appMember.count({ where: { appId, role: "owner" } })) <= 1) {
    throw new ConflictError("An app needs at least one owner; make someone else owner first", "last_owner");
  }
}
