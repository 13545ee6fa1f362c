import "server-only";
import { requireSession, type AuthedContext } from "../auth/actor";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { appUrl } from "../env";
import { NotFoundError } from "../errors";
import { safeReturnTo } from "../oauth/return-to";
import { beginAuthorization, type StartedConnection } from "./begin-authorization";

export { STATE_TTL_MS, type StartedConnection } from "./begin-authorization";

/** Begin the authorization-code flow for the signed-in member (the Connections tab, the browser SDK on our origin). */
export async function startConnection({ ctx, input }: {
  ctx: AuthedContext;
  input: { authenticatorId: string; appId?: string | null; returnTo?: string | null; binding?: string | null };
}): Promise<StartedConnection> {
  requireSession(ctx);
  const db = getPrisma();
  const row = await db.oAuthAuthenticator.findUnique({ where: { authenticatorId: input.authenticatorId } });
  if (!row || !row.isActive || (input.appId && input.appId !== row.appId)) {
    throw new NotFoundError(`Authenticator not found: "${input.authenticatorId}"`, "authenticator_not_found");
  }
  await requireAppRole(db, ctx, row.appId, ANY_ROLE);
  return beginAuthorization({ ctx, authenticator: row, userId: ctx.actor.userId, returnTo: safeReturnTo(input.returnTo, appUrl()), binding: input.binding });
}
