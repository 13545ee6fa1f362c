import { randomUUID } from "node:crypto";
import type { AppRole } from "../generated/prisma/client";
import type { ApiKeyScope } from "../schemas/api-keys";
import { ALL_SCOPES, type AuthedContext } from "../server/auth/actor";
import { getPrisma } from "../server/db/client";

export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@example.com`;

export async function createUser(label = "user", isAdmin = false) {
  const email = uniqueEmail(label);
  return { ...(await getPrisma().user.create({ data: { email, isAdmin } })), email };
}

/** A session actor for a user: what withApiAuth hands a service verb for a signed-in person. */
export function sessionCtx(user: { id: number; email: string | null; isAdmin?: boolean }): AuthedContext {
  return {
    actor: { userId: user.id, email: user.email ?? "", isAdmin: !!user.isAdmin, via: "session", scopes: ALL_SCOPES },
    requestId: randomUUID(),
    ip: "127.0.0.1",
  };
}

export function apiKeyCtx(
  user: { id: number; email: string | null },
  scopes: ApiKeyScope[],
  appRestriction: string | null = null,
): AuthedContext {
  return {
    actor: { userId: user.id, email: user.email ?? "", isAdmin: false, via: "api_key", apiKeyId: randomUUID(), appRestriction, scopes: new Set(scopes) },
    requestId: randomUUID(),
  };
}

export async function createAppWith(members: Array<{ userId: number; role: AppRole }>) {
  const appId = `app-${randomUUID().slice(0, 8)}`;
  await getPrisma().app.create({
    data: { appId, name: `App ${appId}`, members: { create: members.map((m) => ({ userId: m.userId, role: m.role })) } },
  });
  return appId;
}

export async function eventsFor(appId: string) {
  return getPrisma().oAuthEvent.findMany({ where: { appId }, orderBy: { id: "asc" } });
}
