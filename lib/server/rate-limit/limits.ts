import "server-only";
import { ConfigError } from "../env";

/**
 * Every rate limit of the platform, with its default. Each can be overridden by its environment
 * variable as `<points>/<window>`, e.g. RATE_LIMIT_SIGN_IN_PER_EMAIL="5/15m" (window in s, m or h).
 * The README's "Rate limits" table mirrors this one.
 */
export const LIMITS = {
  /** Accounts created from one IP (every accepted sign-up request counts). */
  sign_up_ip: { env: "RATE_LIMIT_SIGN_UP_PER_IP", points: 10, windowSeconds: 3600 },
  /** Failed sign-ins from one IP (consumed before the password check; a success gives it back). */
  sign_in_ip: { env: "RATE_LIMIT_SIGN_IN_PER_IP", points: 20, windowSeconds: 900 },
  /** Failed sign-ins for one email, from anywhere (same accounting). */
  sign_in_email: { env: "RATE_LIMIT_SIGN_IN_PER_EMAIL", points: 5, windowSeconds: 900 },
  /** Requests with an unknown, revoked or expired API key from one IP; then 429 for the window. */
  api_key_failures_ip: { env: "RATE_LIMIT_API_KEY_FAILURES_PER_IP", points: 30, windowSeconds: 600 },
  /** Requests to the cron endpoint with a wrong secret from one IP. */
  cron_failures_ip: { env: "RATE_LIMIT_CRON_FAILURES_PER_IP", points: 10, windowSeconds: 900 },
  /** Discovery requests (two outbound fetches each at most) per signed-in user or API key's user. */
  discovery_caller: { env: "RATE_LIMIT_DISCOVERY_PER_CALLER", points: 30, windowSeconds: 60 },
  /** OAuth callbacks from one IP whose state fails its checks (each writes an event row). */
  callback_failures_ip: { env: "RATE_LIMIT_CALLBACK_FAILURES_PER_IP", points: 30, windowSeconds: 600 },
  /** API requests per API key, counted in memory and synchronised across instances in batches. */
  api_key_requests: { env: "RATE_LIMIT_API_KEY_REQUESTS", points: 60_000, windowSeconds: 60 },
} as const;

export type LimitName = keyof typeof LIMITS;
export type LimitSpec = { name: LimitName; points: number; windowSeconds: number };

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** The limit in force: its default, or its environment variable (a ConfigError names a bad value). */
export function limitSpec(name: LimitName): LimitSpec {
  const { env, points, windowSeconds } = LIMITS[name];
  const raw = process.env[env]?.trim();
  if (!raw) return { name, points, windowSeconds };
  const match = /^(\d{1,9})\s*\/\s*(\d{1,7})\s*([smh]?)$/.exec(raw);
  const parsed = match && { points: Number(match[1]), windowSeconds: Number(match[2]) * UNITS[match[3] || "s"]! };
  if (!parsed || parsed.points < 1 || parsed.windowSeconds < 1) {
    throw new ConfigError(`${env} must look like "<points>/<window>", e.g. "${points}/${windowSeconds}s" or "5/15m"; got "${raw}".`);
  }
  return { name, ...parsed };
}

/** Check every override at start-up, so a typo stops the server instead of a request. */
export function checkRateLimitConfig(): void {
  for (const name of Object.keys(LIMITS) as LimitName[]) limitSpec(name);
}
