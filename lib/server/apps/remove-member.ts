import "server-only";
import { requireSession, type AuthedContext } from "../auth/actor";
import { OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { BULK_DELETE_TX, getPrisma } from "../db/client";
import { revokeGrantsAtProvider } from "../grants/revoke-grants";
import { savePendingRevocations } from "../grants/revocation-retries";
import { enqueueConnectionsDeleted } from "../webhooks/enqueue-event";
import { wakeEvents } from "../webhooks/webhook-queue";
import { assertOwnerRemains, findMember } from "./member-guards";
import { forgetAllRows } from "../grants/fast-row-cache";

/**
 * Remove a member (owners only; anyone may leave). An app always keeps at least one owner. The
 * member's connections in the app end with their membership: tokens revoked at the provider (best
 * effort), connections deactivated, grants deleted.
 */
export async function removeMember({ ctx, appId, userId }: { ctx: AuthedContext; appId: string; userId: number }) {
  requireSession(ctx);
  if (userId !== ctx.actor.userId) await requireAppRole(getPrisma(), ctx, appId, OWNER_ROLES);
  const { summary: revocation, retry } = await revokeGrantsAtProvider({ appId, userId });
  const events = await getPrisma().$transaction(async (tx) => {
    if (userId !== ctx.actor.userId) await requireAppRole(tx, ctx, appId, OWNER_ROLES);
    const member = await findMember(tx, appId, userId);
    await assertOwnerRemains(tx, appId, member.role, null);
    const events = await enqueueConnectionsDeleted(tx, { appId, userId }, "member_removed", "Removed from the app");
    await savePendingRevocations(tx, retry);
    await tx.appMember.delete({ where: { appId_userId: { appId, userId } } });
    const connections = await tx.userAppOAuthAuthentication.updateMany({
      where: { appId, userId, isActive: true },
      data: { isActive: false, grantId: null, authStatus: "revoked", statusReason: "Removed from the app" },
    });
    await tx.oAuthTokenGrant.deleteMany({ where: { appId, userId } });
    await recordEvent(tx, ctx, {
      type: "app.member_removed",
      appId,
      subjectUserId: userId,
      details: { role: member.role, connections_ended: connections.count, provider_revocation: revocation },
    });
    return events;
  }, BULK_DELETE_TX);
  forgetAllRows();
  await wakeEvents(events);
}
