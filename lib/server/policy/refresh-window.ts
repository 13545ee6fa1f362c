import "server-only";
import { getTemplate } from "../../templates/catalog";

export const DEFAULT_REFRESH_WINDOW_SECONDS = 300;
/** How far ahead the background sweep refreshes (it runs every minute). */
export const SWEEP_LOOKAHEAD_SECONDS = 10 * 60;

/** The authenticator's refresh window: its configuration, else its template, else 5 minutes. */
export function refreshWindowSeconds(authenticatorType: string, configuration: unknown): number {
  const configured = (configuration as { refresh_window_seconds?: unknown } | null)?.refresh_window_seconds;
  if (typeof configured === "number" && Number.isFinite(configured) && configured >= 0) return configured;
  return getTemplate(authenticatorType)?.refreshWindowSeconds ?? DEFAULT_REFRESH_WINDOW_SECONDS;
}

export type Expiry = { expiresAt: Date | null; lastRefreshedAt: Date | null };

/**
 * The one rule for "refresh before serving": the token expires within the window. The window is
 * capped at half of the token's lifetime (issued at last_refreshed_at), so a provider that issues
 * 5-minute tokens is not refreshed on every request. Without expires_at nothing says the token
 * expires: never refresh blindly.
 */
export function needsRefresh(grant: Expiry, windowSeconds: number, now = Date.now()): boolean {
  if (!grant.expiresAt) return false;
  const left = grant.expiresAt.getTime() - now;
  const lifetime = grant.lastRefreshedAt ? grant.expiresAt.getTime() - grant.lastRefreshedAt.getTime() : Infinity;
  return left <= Math.min(windowSeconds * 1000, lifetime / 2);
}

export function isExpired(expiresAt: Date | null, now = Date.now()): boolean {
  return !!expiresAt && expiresAt.getTime() <= now;
}

/**
 * The sweep's version of needsRefresh, as an SQL condition over oauth_token_grants `g` (the same
 * rule, with the sweep's lookahead as the window). The lookahead is an integer written into the text.
 */
export function sweepDueCondition(lookaheadSeconds = SWEEP_LOOKAHEAD_SECONDS): string {
  const secs = Math.trunc(lookaheadSeconds);
  return `g.expires_at IS NOT NULL AND g.expires_at - now() <= LEAST(make_interval(secs => ${secs}),
    CASE WHEN g.last_refreshed_at IS NULL THEN make_interval(secs => ${secs}) ELSE (g.expires_at - g.last_refreshed_at) / 2 END)`;
}
