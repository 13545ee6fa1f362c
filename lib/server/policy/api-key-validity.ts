import "server-only";
import { API_KEY_SCOPES, type ApiKeyScope } from "../../schemas/api-keys";

/** Stored scope meaning "every scope, present and future" (the bootstrap key has it). */
export const ALL_SCOPES_WILDCARD = "*";

export type ApiKeyState = { revokedAt: Date | null; expiresAt: Date | null };
export type ApiKeyRefusal = { code: "api_key_revoked" | "api_key_expired"; message: string };

/**
 * The one rule for "is this API key valid now", for the regular auth wrapper and the token fast
 * path alike. (An unknown key is the caller's concern: it has no row to judge.)
 */
export function apiKeyRefusal(key: ApiKeyState, now = Date.now()): ApiKeyRefusal | null {
  if (key.revokedAt) return { code: "api_key_revoked", message: "This API key was revoked" };
  if (key.expiresAt && key.expiresAt.getTime() <= now) return { code: "api_key_expired", message: "This API key has expired" };
  return null;
}

/** The scopes a stored key grants: the known ones it lists, or all of them for "*". */
export function grantedScopes(stored: readonly string[] | null | undefined): Set<ApiKeyScope> {
  const list = stored ?? [];
  if (list.includes(ALL_SCOPES_WILDCARD)) return new Set(API_KEY_SCOPES);
  const known = new Set<string>(API_KEY_SCOPES);
  return new Set(list.filter((s): s is ApiKeyScope => known.has(s)));
}

export function keyGrants(stored: readonly string[] | null | undefined, scope: ApiKeyScope): boolean {
  return !!stored && (stored.includes(scope) || stored.includes(ALL_SCOPES_WILDCARD));
}
