import { withApiAuth } from "@/lib/server/auth/with-api-auth";
import { deleteEndUser } from "@/lib/server/end-users/delete-end-user";
import { endUserIdSchema, endUserQuerySchema } from "@/lib/schemas/end-users";

// DELETE /api/v1/end-users/{end_user_id}?app_id=… – revoke and delete all of an end user's connections, then the end user (204)
export const DELETE = withApiAuth<{ endUserId: string }>({ scope: "connections:write" }, async ({ ctx, params, req }) => {
  const query = endUserQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  await deleteEndUser({ ctx, input: { appId: query.app_id, endUserId: endUserIdSchema.parse(params.endUserId) } });
  return new Response(null, { status: 204 });
});
