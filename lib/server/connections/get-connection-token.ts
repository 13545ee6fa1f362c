import { getTemplate } from "../../templates/catalog";
import { requireScope, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { decryptAccessToken } from "../grants/decrypt-grant";
import { ReauthorizationRequiredError, TokenExpiredError } from "../grants/grant-errors";
import { needsRefresh, refreshGrant } from "../grants/refresh-grant";
import { findConnection } from "./find-connection";
import { countTokenServed } from "./token-usage";

export type ConnectionToken = { access_token: string; token_type: string; expires_at: string | null; scopes: string[] };

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * A valid access token for the caller's (or, for owners, a member's) connection: refreshed first
 * when it expires within the provider's window. The hot path reads one connection row and decrypts
 * one value; writes happen only when refreshing or, at most once a minute, for last_used_at.
 */
export async function getConnectionToken({ ctx, input }: {
  ctx: AuthedContext;
  input: { authenticatorId: string; appId?: string | null; userId?: number | null; forceRefresh?: boolean };
}): Promise<ConnectionToken> {
  requireScope(ctx, "tokens:read");
  const connection = await findConnection(ctx, input);
  let grant = connection.grant;
  if (!grant || connection.authStatus === "needs_reauth" || connection.authStatus === "revoked" || grant.status === "revoked") {
    throw new ReauthorizationRequiredError();
  }
  const window = refreshWindowOf(connection.authenticator);
  if (input.forceRefresh || needsRefresh(grant, window)) {
    grant = (await refreshGrant(grant.grantId, { force: input.forceRefresh }))!.grant;
  }
  if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now() && !grant.refreshToken) throw new TokenExpiredError();

  if (!connection.lastUsedAt || Date.now() - connection.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await getPrisma().userAppOAuthAuthentication.update({ where: { authId: connection.authId }, data: { lastUsedAt: new Date() } });
  }
  countTokenServed(connection.appId, connection.authenticatorId);
  return {
    access_token: decryptAccessToken(grant),
    token_type: grant.tokenType,
    expires_at: grant.expiresAt?.toISOString() ?? null,
    scopes: (grant.scopes as string[]) ?? [],
  };
}

// Only the window is needed here; providerSettings() would also decrypt the client secret, so it stays off the hot path.
function refreshWindowOf(authenticator: { authenticatorType: string; configuration: unknown }): number {
  const configuration = (authenticator.configuration ?? {}) as { refresh_window_seconds?: number };
  return configuration.refresh_window_seconds ?? getTemplate(authenticator.authenticatorType)?.refreshWindowSeconds ?? 300;
}
