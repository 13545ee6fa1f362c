import NextAuth from "next-auth";
import { withApi } from "@/lib/server/api/with-api";
import { getAuthOptions } from "@/lib/server/api/auth-options";
import { answerSignIn } from "@/lib/server/api/credentials-sign-in";
import { guardNextAuthRequest } from "@/lib/server/api/next-auth-guard";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET/POST /api/auth/* – next-auth (credentials sign-in, sign-out, session, CSRF token); junk input is
// refused first, and a sign-in refused by a rate limit answers 429
const handler = withApi<{ nextauth: string[] }>(async ({ req, params }) => {
  await guardNextAuthRequest(req);
  return answerSignIn(() => NextAuth(req as never, { params: Promise.resolve(params) } as never, getAuthOptions()));
});

export { handler as GET, handler as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
