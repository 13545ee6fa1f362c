import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth/auth-options";
import { answerSignIn } from "@/lib/server/auth/credentials-sign-in";

// GET/POST /api/auth/* – next-auth (credentials sign-in, sign-out, session, CSRF token); a sign-in
// refused by a rate limit answers 429
async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return answerSignIn(() => NextAuth(req as never, context as never, getAuthOptions()));
}

export { handler as GET, handler as POST };
