import { readSearchParams } from "@/lib/server/api/read-query";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { listEndUsers } from "@/lib/server/end-users/list-end-users";
import { listEndUsersQuerySchema } from "@/lib/schemas/end-users";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/end-users?app_id=…[&q=…&tag=name:value&status=needs_reauth&limit=50&cursor=…] – the app's end users and their connections
export const GET = withApiAuth({ scope: "connections:read" }, async ({ ctx, req }) => {
  const params = readSearchParams(req);
  const tags = params.getAll("tag");
  const input = listEndUsersQuerySchema.parse({ ...Object.fromEntries(params), tag: tags.length ? tags : undefined });
  return Response.json(await listEndUsers({ ctx, input }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
