import "server-only";
import type { ApiKeyScope } from "../../schemas/api-keys";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { withApi, type ApiArgs } from "../api/with-api";
import { appUrl } from "../env";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { ALL_SCOPES, requireScope, type AuthedContext } from "./actor";
import { clientIp } from "./client-ip";
import { getSessionUser } from "./get-session-user";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one auth wrapper for API route handlers: `Authorization: Bearer <api key>` or the next-auth
 * session cookie. It yields an actor to the service layer and answers 401/403 in the error envelope.
 */
export function withApiAuth<P = Record<string, never>>(
  options: { scope?: ApiKeyScope },
  handler: (args: ApiArgs<P> & { ctx: AuthedContext }) => Promise<Response>,
) {
  return withApi<P, AuthedContext>(handler, async (req, requestId) => {
    const ctx = await authenticate(req, requestId);
    if (options.scope) requireScope(ctx, options.scope);
    return ctx;
  });
}

export async function authenticate(req: Request, requestId: string): Promise<AuthedContext> {
  const ip = clientIp(req.headers);
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new UnauthorizedError("Use Authorization: Bearer <api key>", "invalid_authorization_header");
    return { actor: await authenticateApiKey(match[1]!), requestId, ip };
  }
  const user = await getSessionUser();
  if (!user) throw new UnauthorizedError("Sign in or send an API key", "unauthorized");
  // Cookies ride along on cross-site requests; a state-changing call with a session must come
  // from our own pages (SameSite=Lax covers most browsers, the Origin check covers the rest).
  if (!SAFE_METHODS.has(req.method) && !sameOrigin(req)) {
    throw new ForbiddenError("Cross-origin request refused", "cross_origin_refused");
  }
  return {
    actor: { userId: user.id, email: user.email, isAdmin: user.isAdmin, via: "session", scopes: ALL_SCOPES },
    requestId,
    ip,
  };
}

/**
 * The request's Origin must be APP_URL's origin, exactly. Host and X-Forwarded-Host are chosen by
 * the client (or a misconfigured proxy), so an origin that merely equals them proves nothing.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  return !!origin && origin === new URL(appUrl()).origin;
}
