import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { rotateWebhookSecret } from "@/lib/server/webhooks/rotate-webhook-secret";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/webhooks/{id}/rotate-secret – a new signing secret (shown once); the old one signs beside it for a while
export const POST = withApiAuth<{ webhookId: string }>({ scope: "webhooks:write" }, async ({ ctx, params }) =>
  Response.json(await rotateWebhookSecret({ ctx, input: { webhookId: params.webhookId } })),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("POST");
