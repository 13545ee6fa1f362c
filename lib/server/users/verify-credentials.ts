import type { SignInInput } from "../../schemas/auth";
import type { RequestContext } from "../auth/actor";
import { verifyPassword } from "../auth/password";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { RateLimitedError, UnauthorizedError } from "../errors";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Check an email and password for next-auth's credentials provider. Failed attempts are audit
 * events, and the same events drive the rate limit, so it holds across every app instance that
 * shares the database. Unknown email and wrong password get the same answer in the same time.
 */
export async function verifyCredentials({ ctx, input }: { ctx: RequestContext; input: SignInInput }) {
  const db = getPrisma();
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db.oAuthEvent.count({
      where: { eventType: "user.sign_in_failed", createdAt: { gte: since }, details: { path: ["email"], equals: input.email } },
    }),
    ctx.ip
      ? db.oAuthEvent.count({ where: { eventType: "user.sign_in_failed", createdAt: { gte: since }, ip: ctx.ip } })
      : Promise.resolve(0),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    throw new RateLimitedError(
      `Too many failed sign-in attempts. Wait ${SIGN_IN_WINDOW_MINUTES} minutes and try again.`,
      SIGN_IN_WINDOW_MINUTES * 60,
    );
  }

  const user = await db.user.findUnique({ where: { email: input.email } });
  const ok = await verifyPassword(user?.passwordHash, input.password);
  await db.$transaction(async (tx) => {
    await recordEvent(tx, { ...ctx, actor: null }, {
      type: ok ? "user.signed_in" : "user.sign_in_failed",
      outcome: ok ? "success" : "failure",
      subjectUserId: ok ? user!.id : null,
      details: { email: input.email },
    });
  });
  if (!ok || !user) throw new UnauthorizedError("The email or password is incorrect", "invalid_credentials");
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}
