import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { listWebhookDeliveries } from "@/lib/server/webhooks/list-webhook-deliveries";
import { listDeliveriesQuerySchema } from "@/lib/schemas/webhooks";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/webhooks/{id}/deliveries[?status=&event_type=&limit=&cursor=] – the delivery log, newest first, with attempts
export const GET = withApiAuth<{ webhookId: string }>({ scope: "webhooks:read" }, async ({ ctx, params, req }) => {
  const query = readQuery(req, listDeliveriesQuerySchema);
  return Response.json(await listWebhookDeliveries({ ctx, input: { webhookId: params.webhookId, query } }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
