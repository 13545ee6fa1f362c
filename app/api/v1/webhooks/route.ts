import { readJson } from "@/lib/server/api/read-json";
import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { createWebhook } from "@/lib/server/webhooks/create-webhook";
import { listWebhooks } from "@/lib/server/webhooks/list-webhooks";
import { createWebhookSchema, webhookQuerySchema } from "@/lib/schemas/webhooks";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/webhooks?app_id=… – the app's webhook endpoints (never their secrets)
export const GET = withApiAuth({ scope: "webhooks:read" }, async ({ ctx, req }) => {
  const query = readQuery(req, webhookQuerySchema);
  return Response.json({ data: await listWebhooks({ ctx, input: { appId: query.app_id } }) });
});

// POST /api/v1/webhooks – add an endpoint; the answer is the only time its signing secret is shown
export const POST = withApiAuth({ scope: "webhooks:write" }, async ({ ctx, req }) => {
  const input = await readJson(req, createWebhookSchema);
  return Response.json(await createWebhook({ ctx, input }), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
