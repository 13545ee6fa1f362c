import { readJson } from "@/lib/server/api/read-json";
import { createApp } from "@/lib/server/apps/create-app";
import { listApps } from "@/lib/server/apps/list-apps";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { createAppSchema } from "@/lib/schemas/apps";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/apps – the apps the caller belongs to
export const GET = withApiAuth({}, async ({ ctx }) => Response.json({ apps: await listApps({ ctx }) }));

// POST /api/v1/apps – create an app; the caller becomes its owner
export const POST = withApiAuth({}, async ({ ctx, req }) => {
  const input = await readJson(req, createAppSchema);
  return Response.json(await createApp({ ctx, input }), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
