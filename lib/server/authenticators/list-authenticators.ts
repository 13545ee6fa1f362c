import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import { requireActingAppId } from "../policy/app-access";
import { getPrisma } from "../db/client";
import { serializeAuthenticator, withConnectionsCount, type PublicAuthenticator } from "./serialize-authenticator";

/** The app's authenticators, active ones only unless includeDisabled. */
export async function listAuthenticators({ ctx, input }: {
  ctx: AuthedContext;
  input: { appId?: string | null; includeDisabled?: boolean };
}): Promise<PublicAuthenticator[]> {
  requireScope(ctx, "authenticators:read");
  const appId = requireActingAppId(ctx.actor, input.appId);
  const db = getPrisma();
  await requireAppRole(db, ctx, appId, ANY_ROLE);
  const rows = await db.oAuthAuthenticator.findMany({
    where: { appId, ...(input.includeDisabled ? {} : { isActive: true }) },
    include: withConnectionsCount,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(serializeAuthenticator);
}
