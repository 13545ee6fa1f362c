import { readQuery } from "@/lib/server/api/read-query";
import { withApi } from "@/lib/server/api/with-api";
import { connectQuerySchema } from "@/lib/schemas/connections";
import { authenticate } from "@/lib/server/api/with-api-auth";
import { appUrl } from "@/lib/server/env";
import { UnauthorizedError } from "@/lib/server/errors";
import { BINDING_COOKIE, bindingCookieHeader, readCookie } from "@/lib/server/connections/binding-cookie";
import { startConnection } from "@/lib/server/connections/start-connection";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/oauth/connect/{authenticator_id}?app_id=…&return_to=/settings – start the user's OAuth flow (303 to the provider)
export const GET = withApi<{ authenticatorId: string }>(async ({ req, params, requestId }) => {
  const url = new URL(req.url);
  const query = readQuery(req, connectQuerySchema);
  let ctx;
  try {
    ctx = await authenticate(req, requestId);
  } catch (error) {
    // A browser that is not signed in is sent to sign in first, and comes back here.
    if (error instanceof UnauthorizedError && !req.headers.get("authorization")) {
      const signIn = new URL(`/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`, appUrl());
      return new Response(null, { status: 303, headers: { location: signIn.href, "cache-control": "no-store" } });
    }
    throw error;
  }
  const started = await startConnection({
    ctx,
    input: {
      authenticatorId: params.authenticatorId,
      appId: query.app_id,
      returnTo: query.return_to,
      binding: readCookie(req.headers.get("cookie"), BINDING_COOKIE),
    },
  });
  return new Response(null, {
    status: 303,
    headers: { location: started.location, "set-cookie": bindingCookieHeader(started.binding), "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
