import { z } from "zod";
import { readJson } from "@/lib/server/api/read-json";
import { removeMember } from "@/lib/server/apps/remove-member";
import { updateMemberRole } from "@/lib/server/apps/update-member-role";
import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { updateMemberSchema } from "@/lib/schemas/apps";

type Params = { appId: string; userId: string };
const userIdSchema = z.coerce.number({ error: "user id must be a number" }).int().positive();

// PATCH /api/v1/apps/{app_id}/members/{user_id} – change a member's role (owners)
export const PATCH = withApiAuth<Params>({}, async ({ ctx, params, req }) => {
  const { role } = await readJson(req, updateMemberSchema);
  return Response.json(await updateMemberRole({ ctx, appId: params.appId, userId: userIdSchema.parse(params.userId), role }));
});

// DELETE /api/v1/apps/{app_id}/members/{user_id} – remove a member (owners; anyone may remove themselves)
export const DELETE = withApiAuth<Params>({}, async ({ ctx, params }) => {
  await removeMember({ ctx, appId: params.appId, userId: userIdSchema.parse(params.userId) });
  return new Response(null, { status: 204 });
});
