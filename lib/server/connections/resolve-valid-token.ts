import "server-only";
import type { ConnectionToken } from "../../schemas/connections";
import { setTimeout as sleep } from "node:timers/promises";
import type { AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { decryptAccessToken } from "../grants/decrypt-grant";
import { ReauthorizationRequiredError, TokenExpiredError } from "../grants/grant-errors";
import { refreshGrant } from "../grants/refresh-grant";
import { actingAppId } from "../policy/app-access";
import { isExpired, needsRefresh, refreshWindowSeconds } from "../policy/refresh-window";
import { lastUsedDue } from "../policy/last-used";
import { isServable } from "../policy/servable";
import { findConnection } from "./find-connection";
import { findOwnTokenGrant } from "./find-token-grant";

export type { ConnectionToken };
export type TokenRequest = { authenticatorId: string; appId?: string | null; userId?: number | null; endUserId?: string | null; forceRefresh?: boolean };

/** With a token that still works, wait this long for a refresh before serving the current one. */
const USABLE_TOKEN_WAIT_MS = 2_000;

type Grant = { grantId: string; accessToken: string; refreshToken: string | null; tokenType: string; expiresAt: Date | null; lastRefreshedAt: Date | null; scopes: unknown; status: string; isRevoked: boolean };
type Found = { authId: string; appId: string; authStatus: string; lastUsedAt: Date | null; authenticatorType: string; configuration: unknown; clientId: string; grant: Grant | null };

/** A valid token and what the proxy needs to know about its connection. */
export type ValidToken = { token: ConnectionToken; grantId: string; authId: string; appId: string; authenticatorType: string; configuration: unknown; clientId: string };

/**
 * A valid access token for the caller's connection, or (for owners) a member's, or (for owners and
 * developers) one of the app's end users': refreshed first when it expires within the provider's
 * window. The hot path is one indexed read and one decrypt; writes happen only when refreshing or,
 * at most once a minute, for last_used_at. The rules it applies (app access, servable statuses,
 * refresh window) are the policy modules the token fast path applies too. No scope check: its
 * callers (the token endpoint, the proxy) check their own.
 */
export async function resolveValidToken(ctx: AuthedContext, input: TokenRequest): Promise<ValidToken> {
  const connection = await locate(ctx, input);
  if (!isServable({ connectionStatus: connection.authStatus, grant: connection.grant })) throw new ReauthorizationRequiredError();
  let grant = connection.grant!;
  const window = refreshWindowSeconds(connection.authenticatorType, connection.configuration);
  if (input.forceRefresh || needsRefresh(grant, window)) {
    const refreshing = refreshGrant(grant.grantId, { force: input.forceRefresh });
    if (!input.forceRefresh && !isExpired(grant.expiresAt)) {
      // The current token still works: a slow provider may delay the caller a little, not for long.
      refreshing.catch(() => {});
      const outcome = await Promise.race([refreshing, sleep(USABLE_TOKEN_WAIT_MS, null, { ref: false })]);
      if (outcome) grant = outcome.grant;
    } else {
      grant = (await refreshing)!.grant;
    }
  }
  if (isExpired(grant.expiresAt) && !grant.refreshToken) throw new TokenExpiredError();

  if (lastUsedDue(connection.lastUsedAt)) {
    await getPrisma().userAppOAuthAuthentication.update({ where: { authId: connection.authId }, data: { lastUsedAt: new Date() } });
  }
  return {
    token: {
      access_token: decryptAccessToken(grant),
      token_type: grant.tokenType,
      expires_at: grant.expiresAt?.toISOString() ?? null,
      scopes: (grant.scopes as string[]) ?? [],
    },
    grantId: grant.grantId,
    authId: connection.authId,
    appId: connection.appId,
    authenticatorType: connection.authenticatorType,
    configuration: connection.configuration,
    clientId: connection.clientId,
  };
}

async function locate(ctx: AuthedContext, input: TokenRequest): Promise<Found> {
  const own = !input.endUserId && (!input.userId || input.userId === ctx.actor.userId);
  if (own) {
    const row = await findOwnTokenGrant(ctx.actor.userId, input.authenticatorId, actingAppId(ctx.actor, input.appId));
    if (row) {
      return {
        authId: row.auth_id, appId: row.app_id, authStatus: row.auth_status, lastUsedAt: row.last_used_at,
        authenticatorType: row.authenticator_type, configuration: row.configuration, clientId: row.client_id,
        grant: row.grant_id
          ? {
              grantId: row.grant_id, accessToken: row.access_token!, refreshToken: row.refresh_token, tokenType: row.token_type!,
              expiresAt: row.expires_at, lastRefreshedAt: row.last_refreshed_at, scopes: row.scopes, status: row.grant_status!, isRevoked: !!row.is_revoked,
            }
          : null,
      };
    }
  }
  // Acting for another member or an end user, or nothing found: the full checks, which also
  // explain a refusal.
  const c = await findConnection(ctx, input);
  return { ...c, authenticatorType: c.authenticator.authenticatorType, configuration: c.authenticator.configuration, clientId: c.authenticator.clientId };
}
