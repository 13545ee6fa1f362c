import "server-only";
import { CONNECT_SESSION_TOKEN_PREFIX } from "../../schemas/end-users";
import { findConnectSession } from "../connect-sessions/find-connect-session";
import { getPrisma } from "../db/client";
import { withRequestId } from "./with-api";

/**
 * CORS for the routes a connect session token may call from an app's own page (list connection
 * statuses, disconnect, describe the session). A response is readable cross-origin only by an
 * origin listed in the session it was made with; API-key and cookie requests never get CORS
 * headers, so a browser page elsewhere can never read what a key returns. No credentials mode:
 * cookies are never sent cross-origin.
 */
export async function withConnectSessionCors(req: Request, response: Response): Promise<Response> {
  const origin = req.headers.get("origin");
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!origin || !token?.startsWith(CONNECT_SESSION_TOKEN_PREFIX)) return response;
  // Expired sessions still name their origins, so the page can read "connect_session_expired".
  const session = await findConnectSession(token).catch(() => null);
  if (!session?.allowedOrigins.includes(origin)) return response;
  const tagged = withRequestId(response, response.headers.get("x-request-id") ?? "");
  tagged.headers.set("access-control-allow-origin", origin);
  tagged.headers.set("access-control-expose-headers", "x-request-id, retry-after");
  tagged.headers.append("vary", "Origin");
  return tagged;
}

// Origins some unexpired session allows, remembered briefly (preflights repeat per page load).
const allowedRecently = new Map<string, number>();
const REMEMBER_MS = 30_000;

/**
 * OPTIONS for those routes. A preflight carries no token, so it is allowed for an origin that
 * some connect session lists (live, or expired within the day); the request that follows is then checked against its own
 * session's origins (and refused with 403 origin_not_allowed otherwise).
 */
export async function connectSessionPreflight(req: Request): Promise<Response> {
  const origin = req.headers.get("origin");
  const headers = new Headers({ vary: "Origin" });
  if (origin && origin.length <= 2048 && (await originHasSession(origin))) {
    headers.set("access-control-allow-origin", origin);
    headers.set("access-control-allow-methods", "GET, DELETE, OPTIONS");
    headers.set("access-control-allow-headers", "authorization, content-type");
    headers.set("access-control-max-age", "600");
  }
  return new Response(null, { status: 204, headers });
}

async function originHasSession(origin: string): Promise<boolean> {
  const seen = allowedRecently.get(origin);
  if (seen && Date.now() - seen < REMEMBER_MS) return true;
  // Sessions that expired in the last day count too, so a page can still read "connect_session_expired".
  const found = await getPrisma().connectSession.findFirst({
    where: { allowedOrigins: { has: origin }, expiresAt: { gt: new Date(Date.now() - 24 * 3600_000) } },
    select: { id: true },
  });
  if (found) {
    if (allowedRecently.size > 10_000) allowedRecently.clear();
    allowedRecently.set(origin, Date.now());
  }
  return !!found;
}

