import { readJson } from "@/lib/server/api/read-json";
import { removeMember } from "@/lib/server/apps/remove-member";
import { updateMemberRole } from "@/lib/server/apps/update-member-role";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { updateMemberSchema } from "@/lib/schemas/apps";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// userId is parsed by withApi's path-param rules: a whole number up to 2³¹−1.
type Params = { appId: string; userId: number };

// PATCH /api/v1/apps/{app_id}/members/{user_id} – change a member's role (owners)
export const PATCH = withApiAuth<Params>({}, async ({ ctx, params, req }) => {
  const { role } = await readJson(req, updateMemberSchema);
  return Response.json(await updateMemberRole({ ctx, appId: params.appId, userId: params.userId, role }));
});

// DELETE /api/v1/apps/{app_id}/members/{user_id} – remove a member (owners; anyone may remove themselves)
export const DELETE = withApiAuth<Params>({}, async ({ ctx, params }) => {
  await removeMember({ ctx, appId: params.appId, userId: params.userId });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, OPTIONS } = unansweredMethods("PATCH", "DELETE");
