import "server-only";
import type { ApiKeyScope } from "../../schemas/api-keys";
import { sha256Hex } from "../crypto/hash";
import { rawQuery } from "../db/raw-pool";
import { decryptAccessToken } from "../grants/decrypt-grant";
import { apiKeyRefusal, keyGrants } from "../policy/api-key-validity";
import { mayActInApp } from "../policy/app-access";
import { END_USER_MANAGER_ROLES } from "../policy/end-user-access";
import { lastUsedDue } from "../policy/last-used";
import { needsRefresh, refreshWindowSeconds } from "../policy/refresh-window";
import { isServable } from "../policy/servable";
import { consumeApiKeyRequest } from "../rate-limit/api-key-requests";
import type { ConnectionToken } from "./get-connection-token";
import { cachedRow, fastRowKey } from "../grants/fast-row-cache";
import { countTokenServed } from "./token-usage";

export type Row = {
  key_id: string; key_scopes: string[] | null; key_app_id: string | null; key_expires_at: Date | null; key_revoked_at: Date | null; key_last_used_at: Date | null;
  app_id: string; auth_status: string; last_used_at: Date | null; authenticator_type: string; configuration: unknown; client_id: string;
  grant_id: string; access_token: string; token_type: string; expires_at: Date | null; last_refreshed_at: Date | null; scopes: unknown;
  grant_status: string; is_revoked: boolean; may_manage?: boolean;
};

const SELECT = `k.id AS key_id, k.scopes AS key_scopes, k.app_id AS key_app_id, k.expires_at AS key_expires_at, k.revoked_at AS key_revoked_at,
       k.last_used_at AS key_last_used_at, c.app_id, c.auth_status, c.last_used_at, a.authenticator_type, a.configuration, a.client_id,
       g.grant_id, g.access_token, g.token_type, g.expires_at, g.last_refreshed_at, g.scopes, g.status AS grant_status, g.is_revoked`;

function readOwnRow(keyHash: string, authenticatorId: string) {
  return rawQuery<Row>(
    `SELECT ${SELECT}
      FROM api_keys k
      JOIN user_app_oauth_authentications c ON c.user_id = k.user_id AND c.authenticator_id = $2 AND c.is_active
      JOIN oauth_authenticators a ON a.authenticator_id = c.authenticator_id
      JOIN oauth_token_grants g ON g.grant_id = c.grant_id
     WHERE k.key_hash = $1 AND EXISTS (SELECT 1 FROM app_members m WHERE m.app_id = c.app_id AND m.user_id = k.user_id)`,
    [keyHash, authenticatorId],
    { name: "fast-token-own" },
  );
}

// An end user's connection, by the app's own id for them, in the acting app (app_id, else the
// key's app); may_manage is the end-user access rule evaluated for the key's user.
function readEndUserRow(keyHash: string, authenticatorId: string, appId: string | null, endUserId: string) {
  return rawQuery<Row>(
    `SELECT ${SELECT},
            (u.is_admin OR EXISTS (SELECT 1 FROM app_members m WHERE m.app_id = e.app_id AND m.user_id = k.user_id AND m.role::text = ANY($5))) AS may_manage
      FROM api_keys k
      JOIN users u ON u.id = k.user_id
      JOIN end_users e ON e.app_id = COALESCE($3, k.app_id) AND e.end_user_id = $4
      JOIN user_app_oauth_authentications c ON c.user_id = e.user_id AND c.app_id = e.app_id AND c.authenticator_id = $2 AND c.is_active
      JOIN oauth_authenticators a ON a.authenticator_id = c.authenticator_id
      JOIN oauth_token_grants g ON g.grant_id = c.grant_id
     WHERE k.key_hash = $1`,
    [keyHash, authenticatorId, appId, endUserId, [...END_USER_MANAGER_ROLES]],
    { name: "fast-token-end-user" },
  );
}

export type FastGrant = { row: Row; token: ConnectionToken };

/**
 * The token endpoint's fast path, for the commonest requests: an API key asking for its own user's
 * valid token, or (end_user_id) for one of its app's end users'. One indexed statement reads the
 * key, the connection, its grant and authenticator (a member's connection is active only while
 * they are a member: removing a member deactivates their connections). It applies the same policy modules as the regular route — key validity, app
 * access, servable statuses, refresh window, last-used bookkeeping — and serves the token only when
 * every one says yes and nothing needs writing. Anything else returns null, and the regular route
 * (authenticateApiKey + getConnectionToken) answers, with its errors.
 */
export async function serveTokenFast(apiKey: string, authenticatorId: string, appId: string | null, endUserId: string | null = null): Promise<ConnectionToken | null> {
  const fast = await fastGrant(apiKey, authenticatorId, appId, endUserId, "tokens:read");
  if (!fast) return null;
  countTokenServed(fast.row.app_id, authenticatorId);
  return fast.token;
}

/**
 * The fast path's one statement and its policy checks, for a key that needs `scope` (the token
 * endpoint's tokens:read, the proxy's proxy): the row and the decrypted token, or null when the
 * regular route must answer. Counts the request against the key's limit when it says yes.
 * `cacheMs` (the proxy) reuses a row read that long ago instead of reading it again; the policy
 * checks run on every request all the same.
 */
export async function fastGrant(
  apiKey: string, authenticatorId: string, appId: string | null, endUserId: string | null, scope: ApiKeyScope, options: { cacheMs?: number } = {},
): Promise<FastGrant | null> {
  // An empty or blank app_id / end_user_id is the route's to refuse (422), never "not given".
  if ((appId !== null && !appId.trim()) || (endUserId !== null && !endUserId.trim())) return null;
  const keyHash = sha256Hex(apiKey);
  const read = () => (endUserId !== null ? readEndUserRow(keyHash, authenticatorId, appId, endUserId) : readOwnRow(keyHash, authenticatorId)).then((rows) => rows[0]);
  const row = options.cacheMs ? await cachedRow(fastRowKey(keyHash, authenticatorId, appId, endUserId), options.cacheMs, read) : await read();
  const now = Date.now();
  const serve =
    !!row &&
    !apiKeyRefusal({ revokedAt: row.key_revoked_at, expiresAt: row.key_expires_at }, now) &&
    keyGrants(row.key_scopes, scope) &&
    mayActInApp({ appRestriction: row.key_app_id }, row.app_id, appId) &&
    // For an end user: the key's user manages the app (END_USER_MANAGER_ROLES) and the app was
    // named, by the key's restriction or by app_id, as the regular route requires.
    (endUserId === null || (row.may_manage === true && (!!row.key_app_id || !!appId))) &&
    isServable({ connectionStatus: row.auth_status, grant: { status: row.grant_status, isRevoked: row.is_revoked } }) &&
    !lastUsedDue(row.key_last_used_at, now) &&
    !lastUsedDue(row.last_used_at, now) &&
    !needsRefresh({ expiresAt: row.expires_at, lastRefreshedAt: row.last_refreshed_at }, refreshWindowSeconds(row.authenticator_type, row.configuration), now);
  if (!serve) return null;
  if (!consumeApiKeyRequest(row.key_id).allowed) return null;
  return {
    row,
    token: {
      access_token: decryptAccessToken({ grantId: row.grant_id, accessToken: row.access_token, refreshToken: null }),
      token_type: row.token_type,
      expires_at: row.expires_at?.toISOString() ?? null,
      scopes: (row.scopes as string[]) ?? [],
    },
  };
}
