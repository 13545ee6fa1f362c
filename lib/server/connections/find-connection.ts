import type { AuthedContext } from "../auth/actor";
import { ANY_ROLE, OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { ForbiddenError, NotFoundError } from "../errors";

/**
 * The connection a credentials request is about: the caller's own, or, for an app owner or the
 * platform admin passing user_id, another member's connection in the same app.
 */
export async function findConnection(ctx: AuthedContext, input: { authenticatorId: string; appId?: string | null; userId?: number | null }) {
  const db = getPrisma();
  const authenticator = await db.oAuthAuthenticator.findUnique({ where: { authenticatorId: input.authenticatorId }, select: { appId: true } });
  if (!authenticator || (input.appId && input.appId !== authenticator.appId)) {
    throw new NotFoundError(`Authenticator not found: "${input.authenticatorId}"`, "authenticator_not_found");
  }
  const appId = authenticator.appId;
  await requireAppRole(db, ctx, appId, ANY_ROLE);
  let userId = ctx.actor.userId;
  if (input.userId && input.userId !== ctx.actor.userId) {
    await requireAppRole(db, ctx, appId, OWNER_ROLES).catch(() => {
      throw new ForbiddenError("Only an app owner may act for another user", "insufficient_role");
    });
    userId = input.userId;
  }
  const connection = await db.userAppOAuthAuthentication.findUnique({
    where: { userId_appId_authenticatorId: { userId, appId, authenticatorId: input.authenticatorId } },
    include: { grant: true, authenticator: true },
  });
  if (!connection || !connection.isActive) {
    throw new NotFoundError(`No connection to "${input.authenticatorId}" for this user; connect the account first`, "connection_not_found");
  }
  return connection;
}
