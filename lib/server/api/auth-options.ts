import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "../../schemas/auth";
import { safeLocalPath } from "../../schemas/redirects";
import { appUrl, nextAuthSecret } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { verifyCredentials } from "../users/verify-credentials";
import { clientIp } from "./client-ip";
import { noteSignInRefusal } from "./credentials-sign-in";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/**
 * next-auth configuration, built on demand: the secret is read when a request needs it, so
 * `next build` does not require production secrets.
 */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: nextAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Secure (and __Secure- prefixed) cookies whenever the platform is served over https.
    useSecureCookies: appUrl().startsWith("https://"),
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("invalid_credentials");
          try {
            const headers = new Headers(req?.headers as Record<string, string> | undefined);
            const user = await verifyCredentials({
              ctx: { actor: null, requestId: crypto.randomUUID(), ip: clientIp(headers) },
              input: parsed.data,
            });
            return { id: String(user.id), email: user.email, name: user.name };
          } catch (error) {
            // next-auth passes the message to the client as `error`; only stable codes go there.
            noteSignInRefusal(error);
            if (error instanceof AppError) throw new Error(error.code);
            throw error;
          }
        },
      }),
    ],
    // next-auth's own errors (a junk session cookie, a bad CSRF token) are logged as one pino line, without a stack.
    logger: {
      error: (code, metadata) => logger.warn({ code, reason: (metadata as { message?: string } | undefined)?.message }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    callbacks: {
      // next-auth's callbackUrl (query, body or cookie) goes through the platform's one safe-path rule.
      // Its default would call new URL() on anything (a 500 on junk) and keep "/\t/evil.com"-style paths.
      redirect({ url }) {
        const origin = new URL(appUrl()).origin;
        return `${origin}${safeLocalPath(url, origin, "/")}`;
      },
      jwt({ token, user }) {
        if (user) token.uid = Number(user.id);
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "number") (session.user as { id?: number }).id = token.uid;
        return session;
      },
    },
  };
}
