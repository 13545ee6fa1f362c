import "server-only";
import type { Actor } from "../auth/actor";
import { sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { UnauthorizedError } from "../errors";
import { apiKeyRefusal, grantedScopes } from "../policy/api-key-validity";
import { lastUsedDue } from "../policy/last-used";
import { enforceApiKeyRequestLimit } from "../rate-limit/api-key-requests";

export const API_KEY_PREFIX = "fw_live_";

type KeyRow = {
  id: string; app_id: string | null; scopes: string[] | null; expires_at: Date | null; last_used_at: Date | null;
  revoked_at: Date | null; user_id: number; email: string; is_admin: boolean;
};

/**
 * Resolve `Authorization: Bearer fw_live_…` to an actor. Keys carry 256 random bits, so a plain
 * SHA-256 (one indexed lookup) is enough; a slow password hash would cost every API request.
 */
export async function authenticateApiKey(key: string): Promise<Actor> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) {
    throw new UnauthorizedError("The API key is not valid", "invalid_api_key");
  }
  const db = getPrisma();
  // Every API request comes through here: one indexed read, as plain SQL.
  const [row] = await db.$queryRaw<KeyRow[]>`
    SELECT k.id, k.app_id, k.scopes, k.expires_at, k.last_used_at, k.revoked_at, u.id AS user_id, u.email, u.is_admin
      FROM api_keys k JOIN users u ON u.id = k.user_id
     WHERE k.key_hash = ${sha256Hex(key)}`;
  if (!row) throw new UnauthorizedError("The API key is not valid", "invalid_api_key");
  const record = {
    id: row.id, appId: row.app_id, scopes: row.scopes ?? [], expiresAt: row.expires_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
    user: { id: row.user_id, email: row.email, isAdmin: row.is_admin },
  };
  const refusal = apiKeyRefusal(record);
  if (refusal) throw new UnauthorizedError(refusal.message, refusal.code);
  enforceApiKeyRequestLimit(record.id);
  // last_used_at to the minute: one write per key per minute, not one per request.
  if (lastUsedDue(record.lastUsedAt)) {
    await db.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    userId: record.user.id,
    email: record.user.email,
    isAdmin: record.user.isAdmin,
    via: "api_key",
    apiKeyId: record.id,
    appRestriction: record.appId,
    scopes: grantedScopes(record.scopes),
  };
}
