import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { proxyRequest } from "@/lib/server/proxy/proxy-request";
import { proxyInputFromRequest, proxyResponse } from "@/lib/server/api/proxy-io";

// ANY /api/v1/proxy/{authenticator_id}/{path} – call the provider's API as a connected user (the
// caller's own connection, fiberwise-user-id's or fiberwise-end-user-id's); the answer streams back as the provider gave it
const proxy = withApiAuth<{ authenticatorId: string }>({ scope: "proxy" }, async ({ ctx, req, params }) => {
  const answer = await proxyRequest({ ctx, input: await proxyInputFromRequest(req, params.authenticatorId) });
  return proxyResponse(answer, req.method);
});

export { proxy as GET, proxy as HEAD, proxy as POST, proxy as PUT, proxy as PATCH, proxy as DELETE, proxy as OPTIONS };
