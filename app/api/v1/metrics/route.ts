import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { metricsQuerySchema } from "@/lib/schemas/events";
import { getMetrics } from "@/lib/server/audit/get-metrics";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/metrics?app_id=…[&days=14] – connection success, refreshes, errors and provider times (owners and developers)
export const GET = withApiAuth({}, async ({ ctx, req }) => {
  const query = readQuery(req, metricsQuerySchema);
  return Response.json(await getMetrics({ ctx, input: { appId: query.app_id, days: query.days } }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
