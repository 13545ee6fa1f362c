import NextAuth from "next-auth";
import { readFormRequest } from "@/lib/server/api/read-form";
import { withApi } from "@/lib/server/api/with-api";
import { getAuthOptions } from "@/lib/server/auth/auth-options";

// GET/POST /api/auth/* – next-auth (credentials sign-in, sign-out, session, CSRF token); junk input is refused first
const handler = withApi<{ nextauth: string[] }>(async ({ req, params }) => {
  await readFormRequest(req);
  return NextAuth(req as never, { params: Promise.resolve(params) } as never, getAuthOptions());
});

export { handler as GET, handler as POST };
