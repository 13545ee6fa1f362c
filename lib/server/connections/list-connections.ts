import { requireScope, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { actingAppId } from "../policy/app-access";

export type PublicConnection = {
  authenticator_id: string;
  app_id: string;
  authenticator_name: string;
  authenticator_type: string;
  status: string;
  status_reason: string | null;
  scopes: string[];
  expires_at: string | null;
  last_refreshed_at: string | null;
  last_used_at: string | null;
  connected_at: string;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The caller's connections (optionally in one app): status, scopes and timings, never a token. */
export async function listConnections({ ctx, input }: { ctx: AuthedContext; input: { appId?: string | null } }): Promise<PublicConnection[]> {
  requireScope(ctx, "connections:read");
  // A key restricted to app A never lists app B, whatever app_id the request names (403 instead).
  const appId = actingAppId(ctx.actor, input.appId);
  const rows = await getPrisma().userAppOAuthAuthentication.findMany({
    where: { userId: ctx.actor.userId, isActive: true, ...(appId ? { appId } : {}), app: { members: { some: { userId: ctx.actor.userId } } } },
    include: { grant: { select: { scopes: true, expiresAt: true, lastRefreshedAt: true } }, authenticator: { select: { authenticatorName: true, authenticatorType: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({
    authenticator_id: row.authenticatorId,
    app_id: row.appId,
    authenticator_name: row.authenticator.authenticatorName,
    authenticator_type: row.authenticator.authenticatorType,
    status: row.authStatus,
    status_reason: row.statusReason,
    scopes: (row.grant?.scopes as string[]) ?? [],
    expires_at: iso(row.grant?.expiresAt),
    last_refreshed_at: iso(row.grant?.lastRefreshedAt),
    last_used_at: iso(row.lastUsedAt),
    connected_at: row.createdAt.toISOString(),
  }));
}
