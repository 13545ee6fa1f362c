import "server-only";
import type { AuthedContext } from "../auth/actor";
import { ANY_ROLE, OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { ForbiddenError, NotFoundError } from "../errors";
import { resolveSubject, type Subject, type SubjectRequest } from "./resolve-subject";

export type ConnectionRequest = SubjectRequest & { authenticatorId: string };

const include = { grant: true, authenticator: true } as const;
const notConnected = (authenticatorId: string, who = "this user") =>
  new NotFoundError(`No connection to "${authenticatorId}" for ${who}; connect the account first`, "connection_not_found");

/**
 * The connection a credentials request is about: the caller's own; for an app owner or the
 * platform admin passing user_id, another member's in the same app; for the app's owners and
 * developers passing end_user_id (or a connect session), an end user's.
 *
 * The common case (the caller's own connection, in an app they belong to) is one query; the
 * slower checks run only to explain a refusal.
 */
export async function findConnection(ctx: AuthedContext, input: ConnectionRequest) {
  const subject = await resolveSubject(ctx, input);
  if (subject.kind === "end_user") return findEndUserConnection(subject, input.authenticatorId);
  const db = getPrisma();
  const { userId, appId } = subject;
  if (subject.kind === "self") {
    const own = await db.userAppOAuthAuthentication.findFirst({
      where: { userId, authenticatorId: input.authenticatorId, isActive: true, ...(appId ? { appId } : {}), app: { members: { some: { userId } } } },
      include,
    });
    if (own) return own;
  }

  const authenticator = await db.oAuthAuthenticator.findUnique({ where: { authenticatorId: input.authenticatorId }, select: { appId: true } });
  if (!authenticator || (appId && appId !== authenticator.appId)) {
    throw new NotFoundError(`Authenticator not found: "${input.authenticatorId}"`, "authenticator_not_found");
  }
  await requireAppRole(db, ctx, authenticator.appId, ANY_ROLE);
  if (subject.kind === "member") {
    await requireAppRole(db, ctx, authenticator.appId, OWNER_ROLES).catch(() => {
      throw new ForbiddenError("Only an app owner may act for another user", "insufficient_role");
    });
  }
  const connection = await db.userAppOAuthAuthentication.findUnique({
    where: { userId_appId_authenticatorId: { userId, appId: authenticator.appId, authenticatorId: input.authenticatorId } },
    include,
  });
  if (!connection || !connection.isActive) throw notConnected(input.authenticatorId);
  return connection;
}

async function findEndUserConnection(subject: Extract<Subject, { kind: "end_user" }>, authenticatorId: string) {
  if (subject.allowedAuthenticators && !subject.allowedAuthenticators.includes(authenticatorId)) {
    throw new ForbiddenError(`This connect session does not cover "${authenticatorId}"`, "authenticator_not_allowed");
  }
  const connection = subject.userId
    ? await getPrisma().userAppOAuthAuthentication.findUnique({
        where: { userId_appId_authenticatorId: { userId: subject.userId, appId: subject.appId, authenticatorId } },
        include,
      })
    : null;
  if (!connection || !connection.isActive) throw notConnected(authenticatorId, `end user "${subject.endUserId}"`);
  return connection;
}
