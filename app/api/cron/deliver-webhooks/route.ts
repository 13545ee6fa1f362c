import { withApi } from "@/lib/server/api/with-api";
import { checkCronSecret } from "@/lib/server/api/check-cron-secret";
import { clientIp } from "@/lib/server/api/client-ip";
import { retryDueRevocations } from "@/lib/server/grants/revocation-retries";
import { deliverDueWebhooks } from "@/lib/server/webhooks/webhook-queue";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

export const dynamic = "force-dynamic";

// POST (and GET, as Vercel Cron calls it) /api/cron/deliver-webhooks – attempt every due webhook
// delivery for up to 50 s, and the revocation retries that are due (for deployments without a
// long-running worker); Authorization: Bearer $CRON_SECRET
const deliver = withApi(async ({ req }) => {
  await checkCronSecret({ authorization: req.headers.get("authorization"), ip: clientIp(req.headers) });
  const deliveries = await deliverDueWebhooks();
  return Response.json({ ...deliveries, revocations: await retryDueRevocations() });
});

export { deliver as GET, deliver as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
