import "server-only";
import { CONNECT_SESSION_TOKEN_PREFIX } from "../../schemas/end-users";
import type { ApiKeyScope } from "../../schemas/api-keys";
import type { Actor } from "../auth/actor";
import { sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { UnauthorizedError } from "../errors";

/** A connect session by its token (expired ones included), with its end user; null when unknown. */
export async function findConnectSession(token: string) {
  if (!token.startsWith(CONNECT_SESSION_TOKEN_PREFIX) || token.length > 200) return null;
  return getPrisma().connectSession.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: { include: { endUser: true } }, app: true } });
}
export type FoundConnectSession = NonNullable<Awaited<ReturnType<typeof findConnectSession>>>;

export type ConnectSessionProblem = "invalid_connect_session" | "connect_session_expired";

export function connectSessionProblem(session: FoundConnectSession | null, now = Date.now()): ConnectSessionProblem | null {
  if (!session?.user.endUser) return "invalid_connect_session";
  if (session.expiresAt.getTime() <= now) return "connect_session_expired";
  return null;
}

const CONNECT_SESSION_SCOPES: ReadonlySet<ApiKeyScope> = new Set(["connections:read", "connections:write"]);

/**
 * `Authorization: Bearer fw_cs_…` → an actor for the session's end user. It may list that end
 * user's connection statuses and disconnect them, for the session's authenticators only; it never
 * reads a token (no tokens:read), and it is accepted only by the routes that opt in.
 */
export async function authenticateConnectSession(token: string): Promise<Actor> {
  const session = await findConnectSession(token);
  const problem = connectSessionProblem(session);
  if (problem === "connect_session_expired") throw new UnauthorizedError("This connect session has expired; ask the app for a new one", problem);
  if (problem || !session) throw new UnauthorizedError("The connect session token is not valid", "invalid_connect_session");
  return {
    userId: session.userId,
    email: "",
    isAdmin: false,
    via: "connect_session",
    appRestriction: session.appId,
    scopes: CONNECT_SESSION_SCOPES,
    connectSession: {
      sessionId: session.id,
      appId: session.appId,
      endUserId: session.user.endUser!.endUserId,
      allowedAuthenticators: session.allowedAuthenticators,
      allowedOrigins: session.allowedOrigins,
    },
  };
}
