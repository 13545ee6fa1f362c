import { readJson } from "@/lib/server/api/read-json";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { createApiKeySchema } from "@/lib/schemas/api-keys";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/api-keys – the signed-in user's keys (never the key itself)
export const GET = withApiAuth({}, async ({ ctx }) => Response.json({ api_keys: await listApiKeys({ ctx }) }));

// POST /api/v1/api-keys – mint a key; the response is the only time the full key is shown
export const POST = withApiAuth({}, async ({ ctx, req }) => {
  const input = await readJson(req, createApiKeySchema);
  return Response.json(await createApiKey({ ctx, input }), { status: 201, headers: { "cache-control": "no-store" } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
