import "server-only";
/** last_used_at (of API keys and connections) is kept to the minute: one write a minute, not one a request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function lastUsedDue(lastUsedAt: Date | null, now = Date.now()): boolean {
  return !lastUsedAt || now - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;
}
