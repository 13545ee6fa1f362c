import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { BULK_DELETE_TX, getPrisma } from "../db/client";
import { NotFoundError } from "../errors";
import { revokeGrantsAtProvider } from "../grants/revoke-grants";
import { savePendingRevocations } from "../grants/revocation-retries";
import { requireActingAppId } from "../policy/app-access";
import { END_USER_MANAGER_ROLES } from "../policy/end-user-access";
import { enqueueConnectionsDeleted } from "../webhooks/enqueue-event";
import { wakeEvents } from "../webhooks/webhook-queue";
import { findEndUser } from "./find-end-user";
import { forgetAllRows } from "../grants/fast-row-cache";

/**
 * Forget one of the app's end users: their tokens are revoked at each provider first (best effort,
 * no transaction open), then the end user and everything of theirs (connections, grants,
 * authorization requests, connect sessions) is deleted, and the deletion is an audit event.
 */
export async function deleteEndUser({ ctx, input }: { ctx: AuthedContext; input: { appId?: string | null; endUserId: string } }): Promise<void> {
  requireScope(ctx, "connections:write");
  const appId = requireActingAppId(ctx.actor, input.appId);
  await requireAppRole(getPrisma(), ctx, appId, END_USER_MANAGER_ROLES);
  const endUser = await findEndUser(appId, input.endUserId);
  if (!endUser) throw new NotFoundError(`The app "${appId}" has no end user "${input.endUserId}"`, "end_user_not_found");
  const { summary: revocation, retry } = await revokeGrantsAtProvider({ userId: endUser.userId, appId });
  const events = await getPrisma().$transaction(async (tx) => {
    const connections = await tx.userAppOAuthAuthentication.count({ where: { userId: endUser.userId, isActive: true } });
    const events = await enqueueConnectionsDeleted(tx, { appId, userId: endUser.userId }, "end_user_deleted", "The end user was deleted");
    await savePendingRevocations(tx, retry);
    // The users row of kind end_user takes its end_users row and everything else with it.
    await tx.user.delete({ where: { id: endUser.userId, kind: "end_user" } });
    await recordEvent(tx, ctx, {
      type: "end_user.deleted", appId, subjectUserId: endUser.userId,
      details: { end_user_id: input.endUserId, connections_removed: connections, provider_revocation: revocation },
    });
    return events;
  }, BULK_DELETE_TX);
  forgetAllRows();
  await wakeEvents(events);
}
