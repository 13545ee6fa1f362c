import { readJson } from "@/lib/server/api/read-json";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { redeliverWebhookEvent } from "@/lib/server/webhooks/redeliver-webhook-event";
import { redeliverSchema } from "@/lib/schemas/webhooks";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/webhooks/{id}/redeliver {"event_id"} – send one event to this endpoint again, now (202)
export const POST = withApiAuth<{ webhookId: string }>({ scope: "webhooks:write" }, async ({ ctx, params, req }) => {
  const { event_id } = await readJson(req, redeliverSchema);
  return Response.json(await redeliverWebhookEvent({ ctx, input: { webhookId: params.webhookId, eventId: event_id } }), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("POST");
