import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { sendTestWebhook } from "@/lib/server/webhooks/send-test-webhook";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/webhooks/{id}/test – queue a webhook.test event for this endpoint (202 with the event id)
export const POST = withApiAuth<{ webhookId: string }>({ scope: "webhooks:write" }, async ({ ctx, params }) =>
  Response.json(await sendTestWebhook({ ctx, input: { webhookId: params.webhookId } }), { status: 202 }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("POST");
