import "server-only";
import type { AuthedContext } from "../auth/actor";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import { createConnectSession } from "../connect-sessions/create-connect-session";
import { getPrisma } from "../db/client";
import { appUrl } from "../env";
import { ForbiddenError, NotFoundError } from "../errors";
import { actingAppId } from "../policy/app-access";
import type { SubjectRequest } from "./resolve-subject";

export type ConnectLink = { connect_url: string; expires_at: string | null; authenticator_id: string; end_user_id: string | null };

/**
 * A link where a user connects (or reconnects) one account, for an agent to hand them (the "auth
 * required" step): for one of the app's end users, a fresh connect session's hosted page for that
 * authenticator only (connect:write, an owner or developer of the app); for the caller themself,
 * the platform's connect route, where they sign in (so no scope is needed to point them there).
 */
export async function createConnectLink({ ctx, input }: { ctx: AuthedContext; input: SubjectRequest & { authenticatorId: string } }): Promise<ConnectLink> {
  if (input.endUserId) {
    const session = await createConnectSession({
      ctx,
      input: { ...(input.appId ? { app_id: input.appId } : {}), end_user: { id: input.endUserId }, allowed_authenticators: [input.authenticatorId] },
    });
    return { connect_url: session.connect_url, expires_at: session.expires_at, authenticator_id: input.authenticatorId, end_user_id: input.endUserId };
  }
  if (input.userId && input.userId !== ctx.actor.userId) throw new ForbiddenError("Only the user themself can connect their account", "insufficient_role");
  const appId = actingAppId(ctx.actor, input.appId);
  const db = getPrisma();
  const row = await db.oAuthAuthenticator.findUnique({ where: { authenticatorId: input.authenticatorId }, select: { appId: true, isActive: true } });
  if (!row || !row.isActive || (appId && appId !== row.appId)) throw new NotFoundError(`Authenticator not found: "${input.authenticatorId}"`, "authenticator_not_found");
  await requireAppRole(db, ctx, row.appId, ANY_ROLE);
  const url = new URL(`/api/v1/oauth/connect/${encodeURIComponent(input.authenticatorId)}`, appUrl());
  url.searchParams.set("app_id", row.appId);
  return { connect_url: url.toString(), expires_at: null, authenticator_id: input.authenticatorId, end_user_id: null };
}
