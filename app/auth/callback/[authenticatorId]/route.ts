import { randomUUID } from "node:crypto";
import { clientIp } from "@/lib/server/auth/client-ip";
import { getSessionUser } from "@/lib/server/auth/get-session-user";
import { BINDING_COOKIE, readCookie } from "@/lib/server/connections/binding-cookie";
import { completeConnection } from "@/lib/server/connections/complete-connection";
import { appUrl } from "@/lib/server/env";
import { errorResponse } from "@/lib/server/errors";
import { withCallbackLimit } from "@/lib/server/rate-limit/callback-limit";

// GET /auth/callback/{authenticator_id} – the provider sends the user back here (the spec's callback path)
export async function GET(req: Request, context: { params: Promise<{ authenticatorId: string }> }) {
  const requestId = randomUUID();
  try {
    const { authenticatorId } = await context.params;
    const url = new URL(req.url);
    const ip = clientIp(req.headers);
    const user = await getSessionUser();
    const { location } = await withCallbackLimit(ip, () => completeConnection({
      ctx: { actor: null, requestId, ip },
      input: { authenticatorId, params: url.searchParams, userId: user?.id ?? null, binding: readCookie(req.headers.get("cookie"), BINDING_COOKIE) },
    }));
    // The callback URL carries a code; no-referrer keeps it out of the next page's Referer.
    return new Response(null, {
      status: 303,
      headers: { location: new URL(location, appUrl()).href, "referrer-policy": "no-referrer", "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
