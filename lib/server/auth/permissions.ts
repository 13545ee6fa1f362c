import "server-only";
import type { AppRole } from "../../generated/prisma/client";
import type { Db, Tx } from "../db/client";
import { ForbiddenError, NotFoundError } from "../errors";
import { assertMayActInApp } from "../policy/app-access";
import type { AuthedContext } from "./actor";

export const MANAGE_ROLES: readonly AppRole[] = ["owner", "developer"];
export const OWNER_ROLES: readonly AppRole[] = ["owner"];
export const ANY_ROLE: readonly AppRole[] = ["owner", "developer", "member"];

/**
 * The app-level permission check every app-scoped service verb makes on its first line. An app the
 * caller does not belong to answers 404, not 403, so app ids cannot be probed. The platform admin
 * acts as an owner of every app.
 */
export async function requireAppRole(
  db: Db | Tx,
  ctx: AuthedContext,
  appId: string,
  roles: readonly AppRole[],
): Promise<AppRole> {
  const { actor } = ctx;
  assertMayActInApp(actor, appId);
  const member = await db.appMember.findUnique({
    where: { appId_userId: { appId, userId: actor.userId } },
    select: { role: true, app: { select: { appId: true } } },
  });
  if (!member) {
    if (actor.isAdmin && (await db.app.count({ where: { appId } }))) return "owner";
    throw new NotFoundError(`App "${appId}" not found`, "app_not_found");
  }
  if (!roles.includes(member.role)) {
    throw new ForbiddenError(
      `Your role in "${appId}" is ${member.role}; this needs ${roles.join(" or ")}`,
      "insufficient_role",
    );
  }
  return member.role;
}
