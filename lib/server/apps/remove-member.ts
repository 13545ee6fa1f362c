import { requireSession, type AuthedContext } from "../auth/actor";
import { OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { assertOwnerRemains, findMember } from "./member-guards";

/** Remove a member (owners only; anyone may leave). An app always keeps at least one owner. */
export async function removeMember({ ctx, appId, userId }: { ctx: AuthedContext; appId: string; userId: number }) {
  requireSession(ctx);
  await getPrisma().$transaction(async (tx) => {
    if (userId !== ctx.actor.userId) await requireAppRole(tx, ctx, appId, OWNER_ROLES);
    const member = await findMember(tx, appId, userId);
    await assertOwnerRemains(tx, appId, member.role, null);
    await tx.appMember.delete({ where: { appId_userId: { appId, userId } } });
    await recordEvent(tx, ctx, { type: "app.member_removed", appId, subjectUserId: userId, details: { role: member.role } });
  });
}
