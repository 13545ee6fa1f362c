import "server-only";
import { CONNECT_SESSION_MAX_FLOWS } from "../../schemas/end-users";
import type { RequestContext } from "../auth/actor";
import { beginAuthorization, type StartedConnection } from "../connections/begin-authorization";
import { getPrisma } from "../db/client";
import { AppError, type ErrorCode } from "../errors";
import { connectSessionProblem, findConnectSession } from "./find-connect-session";
import { checkReturnTo } from "./origins";

export type ConnectMode = "redirect" | "popup";
export type EndUserFlowInput = {
  token: string;
  authenticatorId: string;
  mode: ConnectMode;
  /** popup: the opener's origin (one of the session's allowed origins): the only postMessage target. */
  origin?: string | null;
  /** popup: a value the opener chose, echoed in its message so it can tell its own flow's answer. */
  nonce?: string | null;
  /** redirect: where to land instead of the session's return_to (on an allowed origin). */
  returnTo?: string | null;
  binding?: string | null;
};

/** Why a connect flow could not start; the page or the opener is told the code. */
export class ConnectRefusedError extends AppError {
  constructor(code: ErrorCode, message: string, readonly sessionId?: string) {
    super(code === "invalid_connect_session" ? 404 : code === "connect_session_expired" || code === "connect_session_used_up" ? 410 : 422, code, message);
  }
}

/**
 * Start the authorization-code flow for a connect session's end user (the hosted page's Connect
 * button, or the browser SDK's popup): everything the members' flow does (state, PKCE, nonce,
 * browser binding), bound to the session's end user instead of a signed-in member, and ending on
 * /connect/complete, which sends the browser back to the app or messages the opener.
 */
export async function startEndUserConnection({ ctx, input }: { ctx: RequestContext; input: EndUserFlowInput }): Promise<StartedConnection & { sessionId: string }> {
  const session = await findConnectSession(input.token);
  const problem = connectSessionProblem(session);
  if (problem || !session) {
    throw new ConnectRefusedError(problem ?? "invalid_connect_session", problem === "connect_session_expired" ? "This connect link has expired" : "This connect link is not valid");
  }
  const refuse = (code: ErrorCode, message: string) => new ConnectRefusedError(code, message, session.id);
  if (!session.allowedAuthenticators.includes(input.authenticatorId)) throw refuse("authenticator_not_allowed", `This connect session does not offer "${input.authenticatorId}"`);
  const authenticator = await getPrisma().oAuthAuthenticator.findUnique({ where: { authenticatorId: input.authenticatorId } });
  if (!authenticator || authenticator.appId !== session.appId || !authenticator.isActive) throw refuse("authenticator_not_allowed", `"${input.authenticatorId}" cannot be connected right now`);

  const done = new URLSearchParams({ cs: session.id, mode: input.mode });
  if (input.mode === "popup") {
    if (!input.origin || !session.allowedOrigins.includes(input.origin)) throw refuse("origin_not_allowed", "This page may not open the connect flow");
    done.set("origin", input.origin);
    if (input.nonce) {
      if (!/^[A-Za-z0-9_-]{8,128}$/.test(input.nonce)) throw refuse("invalid_nonce", "nonce must be 8–128 characters of A-Z a-z 0-9 _ -");
      done.set("nonce", input.nonce);
    }
  } else if (input.returnTo) {
    const check = checkReturnTo(input.returnTo, session.allowedOrigins);
    if (!check.ok) throw refuse("return_to_not_allowed", `return_to ${check.reason}`);
    done.set("return_to", check.origin);
  }
  // Each start counts; a session is used up after CONNECT_SESSION_MAX_FLOWS.
  const counted = await getPrisma().connectSession.updateMany({
    where: { id: session.id, flowsStarted: { lt: CONNECT_SESSION_MAX_FLOWS }, expiresAt: { gt: new Date() } },
    data: { flowsStarted: { increment: 1 } },
  });
  if (counted.count !== 1) throw refuse("connect_session_used_up", "This connect link has been used up; ask the app for a new one");

  try {
    const started = await beginAuthorization({
      ctx,
      authenticator,
      userId: session.userId,
      returnTo: `/connect/complete?${done}`,
      binding: input.binding,
      eventDetails: { end_user_id: session.user.endUser!.endUserId, connect_session_id: session.id, mode: input.mode },
    });
    return { ...started, sessionId: session.id };
  } catch (error) {
    // The authenticator cannot start a flow (no scopes, an unreadable client secret): the page or
    // the popup's opener is told, like any other refusal.
    if (error instanceof AppError) throw refuse(error.code, error.message);
    throw error;
  }
}
