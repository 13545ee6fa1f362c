import "server-only";
import type { AppRole } from "../../generated/prisma/client";
import { requireSession, type AuthedContext } from "../auth/actor";
import { OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import type { MemberRole } from "../../schemas/apps";
import { assertOwnerRemains, findMember } from "./member-guards";

/** Change a member's role (owners only). */
export async function updateMemberRole({ ctx, appId, userId, role }: { ctx: AuthedContext; appId: string; userId: number; role: AppRole }): Promise<MemberRole> {
  requireSession(ctx);
  return getPrisma().$transaction(async (tx) => {
    await requireAppRole(tx, ctx, appId, OWNER_ROLES);
    const member = await findMember(tx, appId, userId);
    await assertOwnerRemains(tx, appId, member.role, role);
    await tx.appMember.update({ where: { appId_userId: { appId, userId } }, data: { role } });
    await recordEvent(tx, ctx, {
      type: "app.member_role_changed",
      appId,
      subjectUserId: userId,
      details: { before: member.role, after: role },
    });
    return { user_id: userId, role };
  });
}
