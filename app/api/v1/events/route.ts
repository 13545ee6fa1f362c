import { readQuery } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { listEventsSchema } from "@/lib/schemas/events";
import { listEvents } from "@/lib/server/audit/list-events";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/events?app_id=…[&type=oauth.&outcome=failure&before=<id>&limit=50] – the app's audit log, newest first
export const GET = withApiAuth({}, async ({ ctx, req }) => Response.json(await listEvents({ ctx, input: readQuery(req, listEventsSchema) })));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
