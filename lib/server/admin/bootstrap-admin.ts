import "server-only";
import { createAppSchema } from "../../schemas/apps";
import { signUpSchema } from "../../schemas/auth";
import { ALL_SCOPES, type AuthedContext } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { insertApiKey, type CreatedApiKey } from "../api-keys/create-api-key";
import { insertApp } from "../apps/create-app";
import type { PublicApp } from "../apps/serialize-app";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { ConflictError } from "../errors";
import { ALL_SCOPES_WILDCARD } from "../policy/api-key-validity";

export type BootstrapResult = { user: { id: number; email: string }; app: PublicApp | null; apiKey: CreatedApiKey };

const FIRST_USER_LOCK = 7301; // the same lock sign-up takes

/**
 * Headless set-up for servers and scripts: the first admin, optionally a first app, and an API key
 * with every scope. Refuses, loudly, when the platform already has an admin.
 */
export async function bootstrapAdmin(input: { email: string; password: string; appName?: string }): Promise<BootstrapResult> {
  const account = signUpSchema.parse({ email: input.email, password: input.password });
  const appInput = input.appName ? createAppSchema.parse({ name: input.appName }) : null;
  const passwordHash = await hashPassword(account.password);
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`;
    const admin = await tx.user.findFirst({ where: { isAdmin: true }, select: { email: true } });
    if (admin) {
      throw new ConflictError(
        `This platform already has an admin (${admin.email}); bootstrap only creates the first one. ` +
          "Sign in as that admin and create API keys in the web UI instead.",
        "admin_exists",
      );
    }
    if (await tx.user.count({ where: { email: account.email } })) {
      throw new ConflictError(`An account with ${account.email} already exists`, "email_taken");
    }
    const user = await tx.user.create({ data: { email: account.email, passwordHash, isAdmin: true } });
    const ctx: AuthedContext = {
      actor: { userId: user.id, email: account.email, isAdmin: true, via: "system", scopes: ALL_SCOPES },
      requestId: "bootstrap",
    };
    await recordEvent(tx, ctx, { type: "user.signed_up", subjectUserId: user.id, details: { email: user.email, is_admin: true, via: "bootstrap" } });
    const app = appInput ? await insertApp(tx, ctx, appInput) : null;
    const apiKey = await insertApiKey(tx, ctx, { name: "bootstrap", app_id: null, scopes: [ALL_SCOPES_WILDCARD] });
    return { user: { id: user.id, email: account.email }, app, apiKey };
  });
}
