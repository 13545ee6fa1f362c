import type { AuthedContext } from "../auth/actor";
import { ANY_ROLE, OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { ForbiddenError, NotFoundError } from "../errors";
import { actingAppId } from "../policy/app-access";

/**
 * The connection a credentials request is about: the caller's own, or, for an app owner or the
 * platform admin passing user_id, another member's connection in the same app.
 *
 * The common case (the caller's own connection, in an app they belong to) is one query; the
 * slower checks run only to explain a refusal.
 */
export async function findConnection(ctx: AuthedContext, input: { authenticatorId: string; appId?: string | null; userId?: number | null }) {
  const db = getPrisma();
  const forOther = !!input.userId && input.userId !== ctx.actor.userId;
  const userId = forOther ? input.userId! : ctx.actor.userId;
  const appId = actingAppId(ctx.actor, input.appId);
  if (!forOther) {
    const own = await db.userAppOAuthAuthentication.findFirst({
      where: {
        userId,
        authenticatorId: input.authenticatorId,
        isActive: true,
        ...(appId ? { appId } : {}),
        app: { members: { some: { userId } } },
      },
      include: { grant: true, authenticator: true },
    });
    if (own) return own;
  }

  const authenticator = await db.oAuthAuthenticator.findUnique({ where: { authenticatorId: input.authenticatorId }, select: { appId: true } });
  if (!authenticator || (appId && appId !== authenticator.appId)) {
    throw new NotFoundError(`Authenticator not found: "${input.authenticatorId}"`, "authenticator_not_found");
  }
  await requireAppRole(db, ctx, authenticator.appId, ANY_ROLE);
  if (forOther) {
    await requireAppRole(db, ctx, authenticator.appId, OWNER_ROLES).catch(() => {
      throw new ForbiddenError("Only an app owner may act for another user", "insufficient_role");
    });
  }
  const connection = await db.userAppOAuthAuthentication.findUnique({
    where: { userId_appId_authenticatorId: { userId, appId: authenticator.appId, authenticatorId: input.authenticatorId } },
    include: { grant: true, authenticator: true },
  });
  if (!connection || !connection.isActive) {
    throw new NotFoundError(`No connection to "${input.authenticatorId}" for this user; connect the account first`, "connection_not_found");
  }
  return connection;
}
