import "server-only";
import type { PublicUser } from "../../schemas/auth";
import type { SignUpInput } from "../../schemas/auth";
import type { RequestContext } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { ConflictError } from "../errors";
import { hit } from "../rate-limit/limit";

export type { PublicUser };

export function toPublicUser(user: { id: number; email: string | null; name: string | null; isAdmin: boolean; createdAt: Date }): PublicUser {
  return { id: user.id, email: user.email ?? "", name: user.name, is_admin: user.isAdmin, created_at: user.createdAt.toISOString() };
}

// Serialises sign-ups so that exactly one account can become the first (admin) account.
const FIRST_USER_LOCK = 7301;

/** Create an account. The first account on the platform is its admin. Limited per client IP. */
export async function signUp({ ctx, input }: { ctx: RequestContext; input: SignUpInput }): Promise<PublicUser> {
  // Before the argon2 hash: a refused attempt costs neither the CPU nor a row.
  await hit("sign_up_ip", ctx.ip ?? null);
  const passwordHash = await hashPassword(input.password);
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`;
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new ConflictError("An account with this email already exists; sign in instead", "email_taken", [
        { path: "email", message: "An account with this email already exists" },
      ]);
    }
    const isAdmin = (await tx.user.count()) === 0;
    const user = await tx.user.create({
      data: { email: input.email, name: input.name || null, passwordHash, isAdmin },
    });
    await recordEvent(tx, { ...ctx, actor: null }, {
      type: "user.signed_up",
      subjectUserId: user.id,
      details: { email: user.email, is_admin: isAdmin },
    });
    return toPublicUser(user);
  });
}
