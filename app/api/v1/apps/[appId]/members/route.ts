import { readJson } from "@/lib/server/api/read-json";
import { addMember } from "@/lib/server/apps/add-member";
import { listMembers } from "@/lib/server/apps/list-members";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { addMemberSchema } from "@/lib/schemas/apps";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

type Params = { appId: string };

// GET /api/v1/apps/{app_id}/members – the app's members and roles
export const GET = withApiAuth<Params>({}, async ({ ctx, params }) =>
  Response.json({ members: await listMembers({ ctx, appId: params.appId }) }),
);

// POST /api/v1/apps/{app_id}/members – add an existing account by email (owners)
export const POST = withApiAuth<Params>({}, async ({ ctx, params, req }) => {
  const input = await readJson(req, addMemberSchema);
  return Response.json(await addMember({ ctx, appId: params.appId, input }), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
