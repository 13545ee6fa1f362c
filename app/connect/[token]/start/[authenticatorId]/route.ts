import { randomUUID } from "node:crypto";
import { connectStartQuerySchema } from "@/lib/schemas/connect-flow";
import { clientIp } from "@/lib/server/api/client-ip";
import { BINDING_COOKIE, bindingCookieHeader, readCookie } from "@/lib/server/connections/binding-cookie";
import { ConnectRefusedError, startEndUserConnection } from "@/lib/server/connect-sessions/start-end-user-connection";
import { appUrl } from "@/lib/server/env";
import { errorResponse } from "@/lib/server/errors";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

type Params = { token: string; authenticatorId: string };
const seeOther = (location: string, extra: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer", ...extra } });

// GET /connect/{token}/start/{authenticator_id}[?mode=popup&origin=…&nonce=…|&return_to=…] – an end user starts connecting (303 to the provider)
export async function GET(req: Request, context: { params: Promise<Params> }) {
  const requestId = randomUUID();
  const { token, authenticatorId } = await context.params;
  const parsed = connectStartQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  const query = parsed.success ? parsed.data : { mode: "redirect" as const };
  try {
    const started = await startEndUserConnection({
      ctx: { actor: null, requestId, ip: clientIp(req.headers) },
      input: {
        token, authenticatorId, mode: query.mode, origin: query.origin, nonce: query.nonce, returnTo: query.return_to,
        binding: readCookie(req.headers.get("cookie"), BINDING_COOKIE),
      },
    });
    return seeOther(started.location, { "set-cookie": bindingCookieHeader(started.binding) });
  } catch (error) {
    if (!(error instanceof ConnectRefusedError)) return errorResponse(error, requestId);
    if (query.mode === "popup" && error.sessionId && query.origin) {
      // Tell the opener (at its origin, if the session allows it) why nothing happened.
      const done = new URLSearchParams({ cs: error.sessionId, mode: "popup", origin: query.origin, oauth_callback: authenticatorId, status: "error", error: error.code });
      if (query.nonce) done.set("nonce", query.nonce);
      return seeOther(new URL(`/connect/complete?${done}`, appUrl()).href);
    }
    // The hosted page explains (and answers 404 for a link that is unknown, expired or used up).
    return seeOther(new URL(`/connect/${encodeURIComponent(token)}?error=${error.code}`, appUrl()).href);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
