import { getTemplate } from "../../templates/catalog";
import { sha256Hex } from "../crypto/hash";
import { rawQuery } from "../db/raw-pool";
import { decryptAccessToken } from "../grants/decrypt-grant";
import { needsRefresh } from "../grants/refresh-grant";
import { consumeApiKeyRequest } from "../rate-limit/api-key-requests";
import type { ConnectionToken } from "./get-connection-token";
import { countTokenServed } from "./token-usage";

const FRESH_MS = 60_000;

type Row = {
  key_id: string; key_scopes: string[] | null; key_app_id: string | null; key_expires_at: Date | null; key_revoked_at: Date | null; key_last_used_at: Date | null;
  app_id: string; auth_status: string; last_used_at: Date | null;
  grant_id: string; access_token: string; token_type: string; expires_at: Date | null; scopes: unknown; grant_status: string; is_revoked: boolean;
};

/**
 * The token endpoint's fast path, for the commonest request: an API key asking for its own user's
 * valid token. One indexed statement reads the key, the connection and the grant (a connection is
 * active only while its user is a member: removing a member deactivates their connections);
 * if everything is in order and nothing needs writing, the token is served from here. Anything else
 * (a bad key, a missing scope, a refresh due, last-used bookkeeping due, any error) returns null,
 * and the regular route — authenticateApiKey + getConnectionToken — handles it with its errors.
 */
export async function serveTokenFast(apiKey: string, authenticatorId: string, appId: string | null): Promise<ConnectionToken | null> {
  const [row] = await rawQuery<Row>(
    `SELECT k.id AS key_id, k.scopes AS key_scopes, k.app_id AS key_app_id, k.expires_at AS key_expires_at, k.revoked_at AS key_revoked_at,
           k.last_used_at AS key_last_used_at, c.app_id, c.auth_status, c.last_used_at,
           g.grant_id, g.access_token, g.token_type, g.expires_at, g.scopes, g.status AS grant_status, g.is_revoked
      FROM api_keys k
      JOIN user_app_oauth_authentications c ON c.user_id = k.user_id AND c.authenticator_id = $2 AND c.is_active
      JOIN oauth_token_grants g ON g.grant_id = c.grant_id
     WHERE k.key_hash = $1`,
    [sha256Hex(apiKey), authenticatorId],
  );
  const now = Date.now();
  if (
    !row ||
    row.key_revoked_at ||
    (row.key_expires_at && row.key_expires_at.getTime() <= now) ||
    !row.key_scopes?.includes("tokens:read") ||
    (row.key_app_id && row.key_app_id !== row.app_id) ||
    (appId && appId !== row.app_id) ||
    (row.auth_status !== "active" && row.auth_status !== "insufficient_scopes") ||
    row.grant_status === "revoked" ||
    row.is_revoked ||
    !row.key_last_used_at || now - row.key_last_used_at.getTime() > FRESH_MS ||
    !row.last_used_at || now - row.last_used_at.getTime() > FRESH_MS
  ) {
    return null;
  }
  if (needsRefresh({ expiresAt: row.expires_at }, await refreshWindow(authenticatorId), now)) return null;
  if (!consumeApiKeyRequest(row.key_id).allowed) return null;
  countTokenServed(row.app_id, authenticatorId);
  return {
    access_token: decryptAccessToken({ grantId: row.grant_id, accessToken: row.access_token, refreshToken: null }),
    token_type: row.token_type,
    expires_at: row.expires_at?.toISOString() ?? null,
    scopes: (row.scopes as string[]) ?? [],
  };
}

// The refresh window of an authenticator changes only when it is edited: cached for a minute.
const windows = new Map<string, { seconds: number; until: number }>();

async function refreshWindow(authenticatorId: string): Promise<number> {
  const cached = windows.get(authenticatorId);
  if (cached && cached.until > Date.now()) return cached.seconds;
  const [row] = await rawQuery<{ authenticator_type: string; configuration: { refresh_window_seconds?: number } | null }>(
    "SELECT authenticator_type, configuration FROM oauth_authenticators WHERE authenticator_id = $1",
    [authenticatorId],
  );
  const seconds = row?.configuration?.refresh_window_seconds ?? (row ? getTemplate(row.authenticator_type)?.refreshWindowSeconds : undefined) ?? 300;
  windows.set(authenticatorId, { seconds, until: Date.now() + 60_000 });
  return seconds;
}
