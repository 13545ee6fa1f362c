import "server-only";
import type { AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { findEndUser } from "../end-users/find-end-user";
import { ForbiddenError } from "../errors";
import { actingAppId, requireActingAppId } from "../policy/app-access";
import { END_USER_MANAGER_ROLES } from "../policy/end-user-access";

export type SubjectRequest = { appId?: string | null; userId?: number | null; endUserId?: string | null };

/** Whose connections a credentials request is about. */
export type Subject =
  | { kind: "self" | "member"; userId: number; appId: string | null }
  | {
      kind: "end_user";
      /** Null: the app has never seen this end user (no connections). */
      userId: number | null;
      appId: string;
      endUserId: string;
      /** A connect session may touch only the authenticators it was minted for. */
      allowedAuthenticators?: readonly string[];
    };

/**
 * One place decides whose connection a request means: a connect session always means its own end
 * user; end_user_id means that end user of the acting app, for its owners and developers; user_id
 * another member (checked by the caller); nothing, the caller themself.
 */
export async function resolveSubject(ctx: AuthedContext, input: SubjectRequest): Promise<Subject> {
  const { actor } = ctx;
  const session = actor.connectSession;
  if (session) {
    if (input.userId || (input.endUserId && input.endUserId !== session.endUserId)) {
      throw new ForbiddenError("A connect session acts only for its own end user", "connect_session_scope");
    }
    actingAppId(actor, input.appId);
    return { kind: "end_user", userId: actor.userId, appId: session.appId, endUserId: session.endUserId, allowedAuthenticators: session.allowedAuthenticators };
  }
  if (input.endUserId) {
    const appId = requireActingAppId(actor, input.appId);
    await requireAppRole(getPrisma(), ctx, appId, END_USER_MANAGER_ROLES);
    const endUser = await findEndUser(appId, input.endUserId);
    return { kind: "end_user", userId: endUser?.userId ?? null, appId, endUserId: input.endUserId };
  }
  const other = !!input.userId && input.userId !== actor.userId;
  return { kind: other ? "member" : "self", userId: other ? input.userId! : actor.userId, appId: actingAppId(actor, input.appId) };
}
