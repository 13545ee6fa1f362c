import { readJson } from "@/lib/server/api/read-json";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { createConnectSession } from "@/lib/server/connect-sessions/create-connect-session";
import { createConnectSessionSchema } from "@/lib/schemas/end-users";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/connect/sessions – the app's backend mints a 30-minute connect session for one of its end users
export const POST = withApiAuth({ scope: "connect:write" }, async ({ ctx, req }) => {
  const input = await readJson(req, createConnectSessionSchema);
  return Response.json(await createConnectSession({ ctx, input }), { status: 201, headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("POST");
