import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { listConnections } from "@/lib/server/connections/list-connections";

// GET /api/v1/credentials/connections[?app_id=…] – the caller's connections (status, scopes, timings; never a token)
export const GET = withApiAuth({ scope: "connections:read" }, async ({ ctx, req }) =>
  Response.json({ connections: await listConnections({ ctx, input: { appId: new URL(req.url).searchParams.get("app_id") } }) }),
);
