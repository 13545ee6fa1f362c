import "server-only";
import { CONNECT_SESSION_MAX_FLOWS, type ConnectSessionView } from "../../schemas/end-users";
import type { AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { ForbiddenError } from "../errors";

/** What one connect session offers its end user: the app, the allowed authenticators and where each stands. */
export async function describeConnectSession(sessionId: string): Promise<ConnectSessionView | null> {
  const db = getPrisma();
  const session = await db.connectSession.findUnique({ where: { id: sessionId }, include: { app: true, user: { include: { endUser: true } } } });
  if (!session?.user.endUser) return null;
  const [authenticators, connections] = await Promise.all([
    db.oAuthAuthenticator.findMany({ where: { appId: session.appId, authenticatorId: { in: session.allowedAuthenticators } } }),
    db.userAppOAuthAuthentication.findMany({ where: { userId: session.userId, appId: session.appId, isActive: true } }),
  ]);
  const order = new Map(session.allowedAuthenticators.map((id, i) => [id, i]));
  return {
    app: { app_id: session.app.appId, name: session.app.name },
    end_user_id: session.user.endUser.endUserId,
    expires_at: session.expiresAt.toISOString(),
    flows_left: Math.max(0, CONNECT_SESSION_MAX_FLOWS - session.flowsStarted),
    return_to: session.returnTo,
    authenticators: authenticators
      .filter((a) => a.isActive)
      .sort((a, b) => order.get(a.authenticatorId)! - order.get(b.authenticatorId)!)
      .map((a) => {
        const connection = connections.find((c) => c.authenticatorId === a.authenticatorId);
        return {
          authenticator_id: a.authenticatorId, name: a.authenticatorName, authenticator_type: a.authenticatorType, scopes: (a.scopes as string[]) ?? [],
          status: connection?.authStatus ?? "not_connected", status_reason: connection?.statusReason ?? null,
        };
      }),
  };
}

/** GET /api/v1/connect/session: the calling connect session's own view. */
export async function getOwnConnectSession({ ctx }: { ctx: AuthedContext }): Promise<ConnectSessionView> {
  const session = ctx.actor.connectSession;
  if (!session) throw new ForbiddenError("Call this with a connect session token (Authorization: Bearer fw_cs_…)", "connect_session_required");
  const view = await describeConnectSession(session.sessionId);
  if (!view) throw new ForbiddenError("This connect session no longer exists", "invalid_connect_session");
  return view;
}
