import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth/auth-options";

// GET/POST /api/auth/* – next-auth (credentials sign-in, sign-out, session, CSRF token)
async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };
