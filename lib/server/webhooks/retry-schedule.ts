import "server-only";
import { WEBHOOK_RETRY_WINDOW_HOURS } from "@/lib/schemas/webhooks";

/** The first retry comes after about this long; each later one waits three times longer, up to MAX. */
const BASE_SECONDS = 10;
const MAX_SECONDS = 6 * 3600;
const JITTER = 0.2;

/**
 * When to try again after `attempts` failed attempts of an event created at `createdAt`: exponential
 * backoff (10 s, 30 s, 90 s, … capped at 6 h) with ±20 % jitter, so receivers that failed together do
 * not get their retries together. null once the next try would fall outside the 24-hour window.
 * With no failures that is 8 retries over about 21 hours.
 */
export function nextRetryAt(attempts: number, createdAt: Date, now = new Date(), random = Math.random): Date | null {
  const seconds = Math.min(BASE_SECONDS * 3 ** Math.max(0, attempts - 1), MAX_SECONDS);
  const jittered = seconds * (1 - JITTER + 2 * JITTER * random());
  const at = new Date(now.getTime() + jittered * 1000);
  return at.getTime() - createdAt.getTime() > WEBHOOK_RETRY_WINDOW_HOURS * 3600_000 ? null : at;
}
