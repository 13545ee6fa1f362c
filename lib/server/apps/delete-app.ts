import "server-only";
import { requireSession, type AuthedContext } from "../auth/actor";
import { OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { BULK_DELETE_TX, getPrisma } from "../db/client";
import { revokeGrantsAtProvider } from "../grants/revoke-grants";
import { ValidationError } from "../errors";
import { forgetAllRows } from "../grants/fast-row-cache";

/**
 * Delete an app with its authenticators, connections and grants (foreign keys cascade). The caller
 * confirms by repeating the app_id, as the UI asks them to type it.
 */
export async function deleteApp({ ctx, appId, confirm }: { ctx: AuthedContext; appId: string; confirm: string | null }) {
  requireSession(ctx);
  await requireAppRole(getPrisma(), ctx, appId, OWNER_ROLES);
  if (confirm !== appId) throw confirmationRequired(appId);
  // Users' tokens are revoked at their providers first (best effort); the rows then cascade away.
  // No retries: the client credentials needed to revoke go with the rows.
  const { summary: revocation } = await revokeGrantsAtProvider({ appId });
  await getPrisma().$transaction(async (tx) => {
    await requireAppRole(tx, ctx, appId, OWNER_ROLES);
    const [authenticators, connections] = await Promise.all([
      tx.oAuthAuthenticator.count({ where: { appId } }),
      tx.userAppOAuthAuthentication.count({ where: { appId } }),
    ]);
    // The app's end users exist only for it: their rows go too (the rest cascades from the app).
    const endUsers = await tx.user.deleteMany({ where: { kind: "end_user", endUser: { appId } } });
    const app = await tx.app.delete({ where: { appId } });
    await recordEvent(tx, ctx, {
      type: "app.deleted",
      appId,
      details: { name: app.name, authenticators_removed: authenticators, connections_removed: connections, end_users_removed: endUsers.count, provider_revocation: revocation },
    });
  }, BULK_DELETE_TX);
  forgetAllRows();
}

const confirmationRequired = (appId: string) =>
  new ValidationError(`Confirm the deletion by sending confirm=${appId}`, [
    { path: "confirm", message: `Must equal the app_id "${appId}"` },
  ], "confirmation_required");
