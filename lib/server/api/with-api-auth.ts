import "server-only";
import type { ApiKeyScope } from "../../schemas/api-keys";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { bearerToken } from "./bearer";
import { withApi, type ApiArgs } from "./with-api";
import { appUrl } from "../env";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { CONNECT_SESSION_TOKEN_PREFIX } from "../../schemas/end-users";
import { PROXY_RESPONSE_HEADER } from "../../schemas/proxy-headers";
import { withConnectSessionCors } from "./cors";
import { authenticateConnectSession } from "../connect-sessions/find-connect-session";
import { apiKeyRequestState } from "../rate-limit/api-key-requests";
import { rateLimitHeaders } from "../rate-limit/decision";
import { assertNotBlocked, hit } from "../rate-limit/limit";
import { ALL_SCOPES, requireScope, type AuthedContext } from "../auth/actor";
import { clientIp } from "./client-ip";
import { getSessionUser } from "./get-session-user";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type RouteContext = Parameters<ReturnType<typeof withApi>>[1];

/**
 * The one auth wrapper for API route handlers: `Authorization: Bearer <api key>` or the next-auth
 * session cookie — and, on the few routes that opt in (`connectSession: true`), a connect session
 * token from an app's frontend, answered cross-origin to that session's allowed origins only. It
 * yields an actor to the service layer and answers 401/403 in the error envelope.
 */
export function withApiAuth<P = Record<string, never>>(
  options: { scope?: ApiKeyScope; connectSession?: boolean },
  handler: (args: ApiArgs<P> & { ctx: AuthedContext }) => Promise<Response>,
) {
  const route = withApi<P, AuthedContext>(
    async (args) => {
      const response = await handler(args);
      return args.ctx.actor.via === "api_key" ? withKeyLimitHeaders(response, args.ctx.actor.apiKeyId) : response;
    },
    async (req, requestId) => {
      const ctx = await authenticate(req, requestId, { connectSession: options.connectSession });
      if (options.scope) requireScope(ctx, options.scope);
      return ctx;
    },
  );
  if (!options.connectSession) return route;
  return async (req: Request, context: RouteContext) => withConnectSessionCors(req, await route(req, context));
}

export async function authenticate(req: Request, requestId: string, options: { connectSession?: boolean } = {}): Promise<AuthedContext> {
  const ip = clientIp(req.headers);
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const token = bearerToken(authorization);
    if (!token) throw new UnauthorizedError("Use Authorization: Bearer <api key>", "invalid_authorization_header");
    if (token.startsWith(CONNECT_SESSION_TOKEN_PREFIX)) {
      if (!options.connectSession) {
        throw new ForbiddenError("A connect session token can only connect, list and disconnect its end user's accounts", "connect_session_not_allowed");
      }
      const actor = await limited(ip, () => authenticateConnectSession(token));
      const origin = req.headers.get("origin");
      // A page on another origin cannot use a session minted for the app's origins.
      if (origin && !actor.connectSession!.allowedOrigins.includes(origin) && origin !== new URL(appUrl()).origin) {
        throw new ForbiddenError(`This connect session may not be used from ${origin}`, "origin_not_allowed");
      }
      return { actor, requestId, ip };
    }
    return { actor: await limited(ip, () => authenticateApiKey(token)), requestId, ip };
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

/**
 * Key guessing: every failed key (or connect session token) authentication costs the caller's IP a
 * point; once its points are spent the IP gets 429 for the rest of the window, answered from
 * memory before any lookup.
 */
async function limited<T>(ip: string | null, authenticateToken: () => Promise<T>): Promise<T> {
  assertNotBlocked("api_key_failures_ip", ip);
  try {
    return await authenticateToken();
  } catch (error) {
    if (error instanceof UnauthorizedError) await hit("api_key_failures_ip", ip);
    throw error;
  }
}

// The per-key limit's state on successful answers (a map lookup; responses we did not build may
// have immutable headers, and those go out without it).
function withKeyLimitHeaders(response: Response, keyId: string | undefined): Response {
  // A provider's answer relayed by the proxy keeps the provider's own RateLimit-* headers.
  if (!keyId || response.headers.get(PROXY_RESPONSE_HEADER.proxied)) return response;
  try {
    for (const [name, value] of Object.entries(rateLimitHeaders(apiKeyRequestState(keyId)))) response.headers.set(name, value);
  } catch {
    // immutable headers
  }
  return response;
}
