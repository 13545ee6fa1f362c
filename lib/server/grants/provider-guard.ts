import "server-only";
/**
 * Per-authenticator protection for refreshes, in this process: a bulkhead (at most N refreshes of
 * one authenticator at once, so a slow provider occupies a bounded number of slots) and a circuit
 * breaker (after consecutive failures, stop calling the provider for a while, then let one call
 * through to test it). Neither holds a database connection: waiting here costs a promise, nothing
 * else. Written by hand: it is two counters and a queue, and the policy (who may wait, for how
 * long) is the refresh path's own.
 */

export const BREAKER_THRESHOLD = 5;
const BREAKER_OPEN_BASE_MS = 30_000;
const BREAKER_OPEN_MAX_MS = 5 * 60_000;

type Guard = { active: number; waiters: Array<() => void>; failures: number; openUntil: number; trips: number };
const guards = new Map<string, Guard>();

export function providerConcurrency(): number {
  const value = Number(process.env.REFRESH_CONCURRENCY_PER_PROVIDER ?? 8);
  return Number.isInteger(value) && value > 0 ? value : 8;
}

function guardOf(id: string): Guard {
  let guard = guards.get(id);
  if (!guard) guards.set(id, (guard = { active: 0, waiters: [], failures: 0, openUntil: 0, trips: 0 }));
  return guard;
}

/** A slot now, or false (for callers that have something else to serve). */
export function tryAcquire(id: string, max = providerConcurrency()): boolean {
  const guard = guardOf(id);
  if (guard.active >= max) return false;
  guard.active++;
  return true;
}

/** A slot within waitMs, or false. */
export function acquire(id: string, waitMs: number, max = providerConcurrency()): Promise<boolean> {
  if (tryAcquire(id, max)) return Promise.resolve(true);
  const guard = guardOf(id);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      guard.active++;
      resolve(true);
    };
    const timer = setTimeout(() => {
      guard.waiters.splice(guard.waiters.indexOf(wake), 1);
      resolve(false);
    }, waitMs);
    guard.waiters.push(wake);
  });
}

export function release(id: string): void {
  const guard = guardOf(id);
  guard.active--;
  guard.waiters.shift()?.();
}

/** Milliseconds the breaker stays open for this authenticator (0: closed, calls may go). */
export function breakerOpenFor(id: string, now = Date.now()): number {
  return Math.max(0, guardOf(id).openUntil - now);
}

/** A provider call timed out, failed on the network, or answered 5xx/429. */
export function recordProviderFailure(id: string, now = Date.now()): void {
  const guard = guardOf(id);
  guard.failures++;
  if (guard.failures >= BREAKER_THRESHOLD && guard.openUntil <= now) {
    guard.openUntil = now + Math.min(BREAKER_OPEN_BASE_MS * 2 ** guard.trips, BREAKER_OPEN_MAX_MS);
    guard.trips++;
  }
}

/** The provider answered (any non-transient answer, including invalid_grant). */
export function recordProviderSuccess(id: string): void {
  const guard = guardOf(id);
  guard.failures = 0;
  guard.trips = 0;
  guard.openUntil = 0;
}

/** For tests: forget every guard. */
export function resetProviderGuards(): void {
  guards.clear();
}
