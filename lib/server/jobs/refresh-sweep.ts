import "server-only";
import type { SweepResult } from "../../schemas/cron";
import { randomUUID } from "node:crypto";
import { getPrisma } from "../db/client";
import { logger } from "../logger";
import { refreshGrant } from "../grants/refresh-grant";
import { claimDueGrants, type LoadedGrant } from "../grants/grant-rows";
import { releaseLeases } from "../grants/refresh-lease";
import { breakerOpenFor, providerConcurrency } from "../grants/provider-guard";

export type { SweepResult };
export type SweepOptions = {
  /** Grants claimed per round trip. */
  batchSize?: number;
  /** Stop claiming after this long (the run then finishes what it started). */
  timeSliceMs?: number;
  /** At most this many grants per run. */
  maxGrants?: number;
};

export const DEFAULT_TIME_SLICE_MS = 50_000;

/** REFRESH_SWEEP_TIME_SLICE_MS, else `fallback` (the callers' share of their interval), else 50 s. */
export function sweepTimeSliceMs(fallback = DEFAULT_TIME_SLICE_MS): number {
  const configured = Number(process.env.REFRESH_SWEEP_TIME_SLICE_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : fallback;
}

/**
 * Refresh grants that expire soon, before anyone asks, until nothing is due (or the run's time slice
 * or grant budget ends). Grants are claimed in batches by writing a lease into their rows, so sweeps
 * on several processes divide the work for real; claims go round-robin across authenticators, and
 * each authenticator refreshes at most REFRESH_CONCURRENCY_PER_PROVIDER grants at once, so one slow
 * provider cannot hold up the others. Claiming continues while earlier grants are being refreshed,
 * so the pipeline never drains between batches.
 */
export async function sweepExpiringGrants(options: SweepOptions = {}): Promise<SweepResult> {
  const started = Date.now();
  const { batchSize = 100, timeSliceMs = sweepTimeSliceMs(), maxGrants = 10_000 } = options;
  const deadline = started + timeSliceMs;
  const lease = randomUUID();
  const perProvider = providerConcurrency();
  const result: SweepResult = { candidates: 0, refreshed: 0, skipped: 0, failed: 0, batches: 0, duration_ms: 0, sessions_deleted: 0 };
  const queues = new Map<string, LoadedGrant[]>();
  const running = new Map<string, number>();
  let queued = 0;
  let exhausted = false;
  let emptyClaims = 0;
  let claiming: Promise<void> | null = null;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let active = 0;
  const unstarted: string[] = [];

  const refill = () => {
    if (claiming || exhausted || queued >= batchSize / 2) return;
    if (Date.now() >= deadline || result.candidates >= maxGrants) {
      exhausted = true;
      return;
    }
    const skip = [...running.keys(), ...queues.keys()].filter((id) => breakerOpenFor(id) > 0);
    const jitter = emptyClaims ? new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60)) : Promise.resolve();
    claiming = jitter
      .then(() => claimDueGrants(lease, Math.min(batchSize, maxGrants - result.candidates), skip))
      .then((claimed: LoadedGrant[]) => {
        result.batches++;
        result.candidates += claimed.length;
        // An empty claim can mean another sweep claimed the same rows a moment earlier (PostgreSQL
        // re-checks the lease and skips them): try again, shortly, before calling it done.
        emptyClaims = claimed.length ? 0 : emptyClaims + 1;
        if (emptyClaims >= 3) exhausted = true;
        for (const loaded of claimed) {
          const authenticatorId = loaded.grant.authenticatorId;
          queues.set(authenticatorId, [...(queues.get(authenticatorId) ?? []), loaded]);
          queued++;
        }
      })
      .catch((error: unknown) => {
        logger.error({ err: (error as Error).message }, "sweep: could not claim grants");
        exhausted = true;
      })
      .finally(() => {
        claiming = null;
        pump();
      });
  };

  const pump = () => {
    for (const [authenticatorId, queue] of queues) {
      while (queue.length && (running.get(authenticatorId) ?? 0) < perProvider) {
        const claimed = queue.shift()!;
        const grantId = claimed.grant.grantId;
        queued--;
        if (Date.now() >= deadline) {
          unstarted.push(grantId);
          continue;
        }
        running.set(authenticatorId, (running.get(authenticatorId) ?? 0) + 1);
        active++;
        void refreshGrant(grantId, { sweepLease: lease, claimed })
          .then((outcome) => (outcome?.refreshed ? result.refreshed++ : result.skipped++))
          .catch((error: unknown) => {
            result.failed++;
            logger.warn({ grantId, err: (error as Error).message }, "sweep: refresh failed");
          })
          .finally(() => {
            active--;
            running.set(authenticatorId, running.get(authenticatorId)! - 1);
            pump();
          });
      }
      if (!queue.length) queues.delete(authenticatorId);
    }
    refill();
    if (!active && !queued && !claiming && exhausted) finish();
  };

  pump();
  await finished;
  // The time slice ended before these started: let the next run (here or elsewhere) take them.
  await releaseLeases(unstarted, lease).catch(() => {});
  result.skipped += unstarted.length;
  result.sessions_deleted = await deleteExpiredSessions().catch(() => 0);
  result.duration_ms = Date.now() - started;
  if (result.candidates || result.sessions_deleted) logger.info(result, "refresh sweep");
  return result;
}

/**
 * Authorization requests are valid 10 minutes; an hour later nothing can use them. Connect sessions
 * live 30 minutes and are kept a day (a page can still learn that its session expired).
 */
async function deleteExpiredSessions(): Promise<number> {
  const db = getPrisma();
  const authorizations = await db.$executeRaw`
    DELETE FROM oauth_sessions WHERE id IN (
      SELECT id FROM oauth_sessions WHERE expires_at < now() - interval '1 hour' ORDER BY expires_at LIMIT 5000)`;
  const connects = await db.$executeRaw`
    DELETE FROM connect_sessions WHERE id IN (
      SELECT id FROM connect_sessions WHERE expires_at < now() - interval '1 day' ORDER BY expires_at LIMIT 5000)`;
  return authorizations + connects;
}

let timer: NodeJS.Timeout | undefined;

/** The in-process sweep under `npm start`: every interval, never two at once in one process. */
export function startSweepTimer(intervalMs = 60_000): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpiringGrants({ timeSliceMs: sweepTimeSliceMs(Math.min(DEFAULT_TIME_SLICE_MS, intervalMs * 0.8)) })
      .catch((error: unknown) => logger.error({ err: (error as Error).message }, "refresh sweep failed"))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
}
