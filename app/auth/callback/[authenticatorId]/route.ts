import { readSearchParams } from "@/lib/server/api/read-query";
import { withApi } from "@/lib/server/api/with-api";
import { clientIp } from "@/lib/server/api/client-ip";
import { getSessionUser } from "@/lib/server/api/get-session-user";
import { BINDING_COOKIE, readCookie } from "@/lib/server/connections/binding-cookie";
import { completeConnection } from "@/lib/server/connections/complete-connection";
import { appUrl } from "@/lib/server/env";
import { withCallbackLimit } from "@/lib/server/rate-limit/callback-limit";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /auth/callback/{authenticator_id} – the provider sends the user back here (the spec's callback path)
export const GET = withApi<{ authenticatorId: string }>(async ({ req, params, requestId }) => {
  const query = readSearchParams(req);
  const ip = clientIp(req.headers);
  const user = await getSessionUser();
  const { location } = await withCallbackLimit(ip, () =>
    completeConnection({
      ctx: { actor: null, requestId, ip },
      input: { authenticatorId: params.authenticatorId, params: query, userId: user?.id ?? null, binding: readCookie(req.headers.get("cookie"), BINDING_COOKIE) },
    }),
  );
  // The callback URL carries a code; no-referrer keeps it out of the next page's Referer.
  return new Response(null, {
    status: 303,
    headers: { location: new URL(location, appUrl()).href, "referrer-policy": "no-referrer", "cache-control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
