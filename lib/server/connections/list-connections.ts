import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { resolveSubject, type SubjectRequest } from "./resolve-subject";

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

/**
 * The caller's connections (optionally in one app), or an end user's (end_user_id, or a connect
 * session's own end user): status, scopes and timings, never a token. A key restricted to app A
 * never lists app B, whatever app_id the request names (403 instead).
 */
export async function listConnections({ ctx, input }: { ctx: AuthedContext; input: Omit<SubjectRequest, "userId"> }): Promise<PublicConnection[]> {
  requireScope(ctx, "connections:read");
  const subject = await resolveSubject(ctx, input);
  if (subject.kind === "end_user" && subject.userId === null) return [];
  const where =
    subject.kind === "end_user"
      ? {
          userId: subject.userId!, appId: subject.appId, isActive: true,
          ...(subject.allowedAuthenticators ? { authenticatorId: { in: [...subject.allowedAuthenticators] } } : {}),
        }
      : { userId: subject.userId, isActive: true, ...(subject.appId ? { appId: subject.appId } : {}), app: { members: { some: { userId: subject.userId } } } };
  const rows = await getPrisma().userAppOAuthAuthentication.findMany({
    where,
    include: { grant: { select: { scopes: true, expiresAt: true, lastRefreshedAt: true } }, authenticator: { select: { authenticatorName: true, authenticatorType: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toPublicConnection);
}

export function toPublicConnection(row: {
  authenticatorId: string; appId: string; authStatus: string; statusReason: string | null; lastUsedAt: Date | null; createdAt: Date;
  authenticator: { authenticatorName: string; authenticatorType: string };
  grant: { scopes: unknown; expiresAt: Date | null; lastRefreshedAt: Date | null } | null;
}): PublicConnection {
  return {
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
  };
}
