import { withApi } from "@/lib/server/api/with-api";
import { checkCronSecret } from "@/lib/server/api/check-cron-secret";
import { clientIp } from "@/lib/server/api/client-ip";
import { flushUsage } from "@/lib/server/jobs/flush-usage";
import { sweepExpiringGrants } from "@/lib/server/jobs/refresh-sweep";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

export const dynamic = "force-dynamic";

// POST (and GET, as Vercel Cron calls it) /api/cron/refresh-tokens – run one refresh sweep and write the usage counted
// in memory (tokens served, proxy calls); Authorization: Bearer $CRON_SECRET
const sweep = withApi(async ({ req }) => {
  await checkCronSecret({ authorization: req.headers.get("authorization"), ip: clientIp(req.headers) });
  const result = await sweepExpiringGrants();
  await flushUsage();
  return Response.json(result);
});

export { sweep as GET, sweep as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
