import { z } from "zod";
import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { getMetrics } from "@/lib/server/events/get-metrics";

const querySchema = z.object({ app_id: z.string().max(48).optional(), days: z.coerce.number().int().min(1).max(90).optional() });

// GET /api/v1/metrics?app_id=…[&days=14] – connection success, refreshes, errors and provider times (owners and developers)
export const GET = withApiAuth({}, async ({ ctx, req }) => {
  const query = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await getMetrics({ ctx, input: { appId: query.app_id, days: query.days } }));
});
