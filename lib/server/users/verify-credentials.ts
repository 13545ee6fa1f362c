import "server-only";
import type { SignInInput } from "../../schemas/auth";
import type { RequestContext } from "../auth/actor";
import { verifyPassword } from "../auth/password";
import { recordEvent } from "../audit/record-event";
import { sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { UnauthorizedError } from "../errors";
import { hit, refund } from "../rate-limit/limit";

/**
 * Check an email and password for next-auth's credentials provider. Unknown email and wrong
 * password get the same answer in the same time.
 *
 * Rate limits (per email from anywhere, per client IP): a point is consumed atomically *before*
 * the password is checked, so 40 concurrent guesses against a limit of 5 get exactly 5 password
 * checks; a right password gives both points back, so the limits count failures. The email is
 * keyed by its SHA-256: the counters table holds no addresses.
 */
export async function verifyCredentials({ ctx, input }: { ctx: RequestContext; input: SignInInput }) {
  const ip = ctx.ip ?? null;
  const email = sha256Hex(input.email);
  // The IP first: an address that is already refused must not spend the email's points too.
  await hit("sign_in_ip", ip);
  await hit("sign_in_email", email);

  const db = getPrisma();
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
  await Promise.all([refund("sign_in_ip", ip), refund("sign_in_email", email)]);
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}
