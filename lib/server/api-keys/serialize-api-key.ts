import "server-only";
import type { PublicApiKey } from "../../schemas/api-keys";
export type { PublicApiKey };

type ApiKeyRow = {
  id: string; name: string; prefix: string; appId: string | null; scopes: string[];
  expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null; createdAt: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Everything about a key but the key: the hash never leaves the database either. */
export function serializeApiKey(key: ApiKeyRow): PublicApiKey {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    app_id: key.appId,
    scopes: key.scopes,
    expires_at: iso(key.expiresAt),
    last_used_at: iso(key.lastUsedAt),
    revoked_at: iso(key.revokedAt),
    created_at: key.createdAt.toISOString(),
  };
}
