import { withApi } from "@/lib/server/api/with-api";
import { readJson } from "@/lib/server/api/read-json";
import { clientIp } from "@/lib/server/api/client-ip";
import { signUp } from "@/lib/server/users/sign-up";
import { signUpSchema } from "@/lib/schemas/auth";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/auth/signup – create an account (the first one becomes the platform admin)
export const POST = withApi(async ({ req, requestId }) => {
  const input = await readJson(req, signUpSchema);
  const user = await signUp({ ctx: { actor: null, requestId, ip: clientIp(req.headers) }, input });
  return Response.json(user, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("POST");
