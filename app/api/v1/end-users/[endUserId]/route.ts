import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { deleteEndUser } from "@/lib/server/end-users/delete-end-user";
import { readQuery } from "@/lib/server/api/read-query";
import { endUserQuerySchema } from "@/lib/schemas/end-users";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// DELETE /api/v1/end-users/{end_user_id}?app_id=… – revoke and delete all of an end user's connections, then the end user (204)
export const DELETE = withApiAuth<{ endUserId: string }>({ scope: "connections:write" }, async ({ ctx, params, req }) => {
  const query = readQuery(req, endUserQuerySchema);
  await deleteEndUser({ ctx, input: { appId: query.app_id, endUserId: params.endUserId } });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = unansweredMethods("DELETE");
