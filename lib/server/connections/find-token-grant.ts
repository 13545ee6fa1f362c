import "server-only";
import { getPrisma } from "../db/client";

export type TokenGrantRow = {
  auth_id: string;
  app_id: string;
  auth_status: string;
  last_used_at: Date | null;
  authenticator_type: string;
  configuration: unknown;
  client_id: string;
  grant_id: string | null;
  access_token: string | null;
  refresh_token: string | null;
  token_type: string | null;
  expires_at: Date | null;
  last_refreshed_at: Date | null;
  scopes: unknown;
  grant_status: string | null;
  is_revoked: boolean | null;
};

/**
 * The token endpoint's hot path: the caller's own connection, its grant and its authenticator, and
 * the membership check, in one indexed statement (the connection's unique key, then primary keys).
 * Written as SQL because it runs on every token request and Prisma's nested-relation query for the
 * same thing costs several times as much.
 */
export async function findOwnTokenGrant(userId: number, authenticatorId: string, appId: string | null): Promise<TokenGrantRow | null> {
  const rows = await getPrisma().$queryRaw<TokenGrantRow[]>`
    SELECT c.auth_id, c.app_id, c.auth_status, c.last_used_at, a.authenticator_type, a.configuration, a.client_id,
           g.grant_id, g.access_token, g.refresh_token, g.token_type, g.expires_at, g.last_refreshed_at, g.scopes, g.status AS grant_status, g.is_revoked
      FROM user_app_oauth_authentications c
      JOIN oauth_authenticators a ON a.authenticator_id = c.authenticator_id
      LEFT JOIN oauth_token_grants g ON g.grant_id = c.grant_id
     WHERE c.user_id = ${userId} AND c.authenticator_id = ${authenticatorId} AND c.is_active
       AND (${appId}::text IS NULL OR c.app_id = ${appId})
       AND EXISTS (SELECT 1 FROM app_members m WHERE m.app_id = c.app_id AND m.user_id = ${userId})`;
  return rows[0] ?? null;
}
