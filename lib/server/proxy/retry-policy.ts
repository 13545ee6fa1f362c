import "server-only";
import { IDEMPOTENT_METHODS, type ProxyMethod } from "../../schemas/proxy";

/** A Retry-After longer than this is not waited out: the provider's answer goes back to the caller. */
export const MAX_RETRY_WAIT_MS = 30_000;
/** All the waiting one proxied request may do across its retries. */
export const RETRY_BUDGET_MS = 60_000;
const RETRIED_5XX = new Set([500, 502, 503, 504]);

/** Retry-After (RFC 9110 §10.2.3) in milliseconds from now: delay-seconds or an HTTP-date; null if absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined | null, now = Date.now()): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  // delay-seconds (a fraction is not in the grammar, but some providers send one: read it as seconds)
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only the three HTTP-date forms; Date.parse alone would read "1.5" or "-1" as a date in 2001.
  if (!HTTP_DATE.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const HTTP_DATE = new RegExp(
  [
    /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.source, // IMF-fixdate
    /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/.source, // RFC 850
    /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.source, // asctime
  ].join("|"),
);

export function mayRetryMethod(method: ProxyMethod, retryUnsafe: boolean): boolean {
  return retryUnsafe || IDEMPOTENT_METHODS.includes(method);
}

/** Exponential backoff with ±20 % jitter: 250 ms, 500 ms, 1 s, 2 s, 4 s. */
export function backoffMs(retry: number): number {
  return Math.min(250 * 2 ** (retry - 1), 4_000) * (0.8 + Math.random() * 0.4);
}

/**
 * How long to wait before retrying an answer, or null to hand it back: 429 only with Retry-After
 * (without one the provider did not say when), 500/502/503/504 with Retry-After when given, else
 * backoff. A wait past MAX_RETRY_WAIT_MS or the budget left is not taken.
 */
export function retryWaitMs(status: number, retryAfter: string | string[] | undefined, retry: number, budgetLeftMs: number): number | null {
  const asked = retryAfterMs(retryAfter);
  let wait: number;
  if (status === 429) {
    if (asked === null) return null;
    wait = asked;
  } else if (RETRIED_5XX.has(status)) {
    wait = asked ?? backoffMs(retry);
  } else {
    return null;
  }
  return wait > MAX_RETRY_WAIT_MS || wait > budgetLeftMs ? null : wait;
}
