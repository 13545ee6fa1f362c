import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { listEvents, listEventsSchema } from "@/lib/server/events/list-events";

// GET /api/v1/events?app_id=…[&type=oauth.&outcome=failure&before=<id>&limit=50] – the app's audit log, newest first
export const GET = withApiAuth({}, async ({ ctx, req }) => {
  const input = listEventsSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listEvents({ ctx, input }));
});
