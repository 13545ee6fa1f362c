import "server-only";
import { RateLimiterRes } from "rate-limiter-flexible";
import { sha256Hex } from "../crypto/hash";
import { decision, rateLimitedError, type RateDecision } from "./decision";
import type { LimitName } from "./limits";
import { limiterFor } from "./store";

/**
 * The verbs every limited surface uses. `hit` consumes a point atomically *before* the work it
 * guards, so N concurrent attempts against a limit of L get exactly L through; `refund` gives the
 * point back when the attempt turned out legitimate (a right password, a valid state).
 */

// Subjects without an address (a request that reached us without one) share one bucket rather
// than escaping the limit. Long subjects are hashed: the store's key column is varchar(255).
function subjectKey(subject: string | null): string {
  if (!subject) return "unknown";
  return subject.length > 128 ? sha256Hex(subject) : subject;
}

type Blocked = Map<string, number>;
// Keys the store has said are exhausted, until their window resets: further attempts are refused
// from memory, without a database round trip (on globalThis for the same reason as the limiters).
const blocked: Blocked = ((globalThis as { __fiberwiseRateBlocked?: Blocked }).__fiberwiseRateBlocked ??= new Map());

/** Consume one point; throws the 429 (with Retry-After and RateLimit-*) when the limit is exhausted. */
export async function hit(name: LimitName, subject: string | null): Promise<RateDecision> {
  assertNotBlocked(name, subject);
  const key = `${name}:${subjectKey(subject)}`;
  const { limiter, spec } = limiterFor(name);
  let res: RateLimiterRes;
  try {
    res = await limiter.consume(subjectKey(subject));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    res = error;
  }
  const result = decision(spec, res.consumedPoints, res.msBeforeNext);
  if (result.remaining === 0) remember(key, res.msBeforeNext);
  if (!result.allowed) throw rateLimitedError(spec, result);
  return result;
}

/** Give back the point of an attempt that proved legitimate. */
export async function refund(name: LimitName, subject: string | null): Promise<void> {
  blocked.delete(`${name}:${subjectKey(subject)}`);
  await limiterFor(name).limiter.reward(subjectKey(subject));
}

/** Whether the store already said this subject is exhausted (memory only; no database). */
export function isBlocked(name: LimitName, subject: string | null): boolean {
  const key = `${name}:${subjectKey(subject)}`;
  const until = blocked.get(key);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  blocked.delete(key);
  return false;
}

/** Throw the 429 when the subject is known to be exhausted, without asking the store. */
export function assertNotBlocked(name: LimitName, subject: string | null): void {
  if (!isBlocked(name, subject)) return;
  const { spec } = limiterFor(name);
  const ms = blocked.get(`${name}:${subjectKey(subject)}`)! - Date.now();
  throw rateLimitedError(spec, decision(spec, spec.points + 1, ms));
}

function remember(key: string, msBeforeNext: number): void {
  if (msBeforeNext <= 0) return;
  // Bounded: an address-spraying client cannot grow this without bound; expired entries go first.
  if (blocked.size >= 100_000) {
    const now = Date.now();
    for (const [k, until] of blocked) if (until <= now || blocked.size >= 100_000) blocked.delete(k);
  }
  blocked.set(key, Date.now() + msBeforeNext);
}
