import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { listConnectionsQuerySchema } from "@/lib/schemas/connections";
import { listConnections } from "@/lib/server/connections/list-connections";

// GET /api/v1/credentials/connections[?app_id=…] – the caller's connections (status, scopes, timings; never a token)
export const GET = withApiAuth({ scope: "connections:read" }, async ({ ctx, req }) => {
  const { app_id } = readQuery(req, listConnectionsQuerySchema);
  return Response.json({ connections: await listConnections({ ctx, input: { appId: app_id } }) });
});
