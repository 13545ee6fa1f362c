import { getTemplate } from "../../templates/catalog";
import { requireScope, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { decryptAccessToken } from "../grants/decrypt-grant";
import { ReauthorizationRequiredError, TokenExpiredError } from "../grants/grant-errors";
import { needsRefresh, refreshGrant } from "../grants/refresh-grant";
import { findConnection } from "./find-connection";
import { findOwnTokenGrant } from "./find-token-grant";
import { countTokenServed } from "./token-usage";

export type ConnectionToken = { access_token: string; token_type: string; expires_at: string | null; scopes: string[] };

const LAST_USED_RESOLUTION_MS = 60_000;

type Grant = { grantId: string; accessToken: string; refreshToken: string | null; tokenType: string; expiresAt: Date | null; scopes: unknown; status: string; isRevoked: boolean };
type Found = { authId: string; appId: string; authStatus: string; lastUsedAt: Date | null; authenticatorType: string; configuration: unknown; grant: Grant | null };

/**
 * A valid access token for the caller's (or, for owners, a member's) connection: refreshed first
 * when it expires within the provider's window. The hot path is one indexed read and one decrypt;
 * writes happen only when refreshing or, at most once a minute, for last_used_at.
 */
export async function getConnectionToken({ ctx, input }: {
  ctx: AuthedContext;
  input: { authenticatorId: string; appId?: string | null; userId?: number | null; forceRefresh?: boolean };
}): Promise<ConnectionToken> {
  requireScope(ctx, "tokens:read");
  const connection = await locate(ctx, input);
  let grant = connection.grant;
  if (!grant || connection.authStatus === "needs_reauth" || connection.authStatus === "revoked" || grant.status === "revoked" || grant.isRevoked) {
    throw new ReauthorizationRequiredError();
  }
  if (input.forceRefresh || needsRefresh(grant, refreshWindowOf(connection))) {
    grant = (await refreshGrant(grant.grantId, { force: input.forceRefresh }))!.grant;
  }
  if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now() && !grant.refreshToken) throw new TokenExpiredError();

  if (!connection.lastUsedAt || Date.now() - connection.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await getPrisma().userAppOAuthAuthentication.update({ where: { authId: connection.authId }, data: { lastUsedAt: new Date() } });
  }
  countTokenServed(connection.appId, input.authenticatorId);
  return {
    access_token: decryptAccessToken(grant),
    token_type: grant.tokenType,
    expires_at: grant.expiresAt?.toISOString() ?? null,
    scopes: (grant.scopes as string[]) ?? [],
  };
}

async function locate(ctx: AuthedContext, input: { authenticatorId: string; appId?: string | null; userId?: number | null }): Promise<Found> {
  const own = !input.userId || input.userId === ctx.actor.userId;
  const appId = input.appId || ctx.actor.appRestriction || null;
  if (own && (!input.appId || !ctx.actor.appRestriction || input.appId === ctx.actor.appRestriction)) {
    const row = await findOwnTokenGrant(ctx.actor.userId, input.authenticatorId, appId);
    if (row) {
      return {
        authId: row.auth_id, appId: row.app_id, authStatus: row.auth_status, lastUsedAt: row.last_used_at,
        authenticatorType: row.authenticator_type, configuration: row.configuration,
        grant: row.grant_id
          ? {
              grantId: row.grant_id, accessToken: row.access_token!, refreshToken: row.refresh_token, tokenType: row.token_type!,
              expiresAt: row.expires_at, scopes: row.scopes, status: row.grant_status!, isRevoked: !!row.is_revoked,
            }
          : null,
      };
    }
  }
  // Acting for another user, or nothing found: the full checks, which also explain a refusal.
  const c = await findConnection(ctx, input);
  return { ...c, authenticatorType: c.authenticator.authenticatorType, configuration: c.authenticator.configuration };
}

function refreshWindowOf(connection: { authenticatorType: string; configuration: unknown }): number {
  const configuration = (connection.configuration ?? {}) as { refresh_window_seconds?: number };
  return configuration.refresh_window_seconds ?? getTemplate(connection.authenticatorType)?.refreshWindowSeconds ?? 300;
}
