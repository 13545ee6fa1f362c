import { readJson } from "@/lib/server/api/read-json";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { deleteWebhook } from "@/lib/server/webhooks/delete-webhook";
import { getWebhook } from "@/lib/server/webhooks/get-webhook";
import { updateWebhook } from "@/lib/server/webhooks/update-webhook";
import { updateWebhookSchema } from "@/lib/schemas/webhooks";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

type Params = { webhookId: string };

// GET /api/v1/webhooks/{id} – one endpoint (never its secret)
export const GET = withApiAuth<Params>({ scope: "webhooks:read" }, async ({ ctx, params }) =>
  Response.json(await getWebhook({ ctx, input: { webhookId: params.webhookId } })),
);

// PATCH /api/v1/webhooks/{id} – change url, events, description; enable (clears a platform disable) or disable
export const PATCH = withApiAuth<Params>({ scope: "webhooks:write" }, async ({ ctx, params, req }) => {
  const changes = await readJson(req, updateWebhookSchema);
  return Response.json(await updateWebhook({ ctx, input: { webhookId: params.webhookId, changes } }));
});

// DELETE /api/v1/webhooks/{id} – remove the endpoint and its delivery log (204)
export const DELETE = withApiAuth<Params>({ scope: "webhooks:write" }, async ({ ctx, params }) => {
  await deleteWebhook({ ctx, input: { webhookId: params.webhookId } });
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = unansweredMethods("GET", "PATCH", "DELETE");
