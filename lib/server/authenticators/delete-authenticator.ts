import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { MANAGE_ROLES } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { BULK_DELETE_TX, getPrisma } from "../db/client";
import { revokeGrantsAtProvider } from "../grants/revoke-grants";
import { enqueueConnectionsDeleted } from "../webhooks/enqueue-event";
import { wakeEvents } from "../webhooks/webhook-queue";
import { findAuthenticatorRow } from "./get-authenticator-or-throw";
import { forgetAllRows } from "../grants/fast-row-cache";

/**
 * Delete an authenticator: its users' tokens are revoked at the provider first (best effort), then
 * its connections, grants and pending sessions go with it (foreign keys cascade).
 */
export async function deleteAuthenticator({ ctx, authenticatorId }: { ctx: AuthedContext; authenticatorId: string }): Promise<void> {
  requireScope(ctx, "authenticators:write");
  await findAuthenticatorRow(getPrisma(), ctx, authenticatorId, MANAGE_ROLES);
  // No retries: the client credentials needed to revoke go with the rows.
  const { summary: revocation } = await revokeGrantsAtProvider({ authenticatorId });
  const events = await getPrisma().$transaction(async (tx) => {
    const row = await findAuthenticatorRow(tx, ctx, authenticatorId, MANAGE_ROLES);
    const connections = await tx.userAppOAuthAuthentication.count({ where: { authenticatorId } });
    const events = await enqueueConnectionsDeleted(tx, { authenticatorId }, "authenticator_deleted", "The authenticator was deleted");
    await tx.oAuthAuthenticator.delete({ where: { authenticatorId } });
    await recordEvent(tx, ctx, {
      type: "authenticator.deleted",
      appId: row.appId,
      authenticatorId,
      provider: row.authenticatorType,
      details: { name: row.authenticatorName, connections_removed: connections, provider_revocation: revocation },
    });
    return events;
  }, BULK_DELETE_TX);
  forgetAllRows();
  await wakeEvents(events);
}
