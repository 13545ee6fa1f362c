import { getPrisma } from "../db/client";
import { logger } from "../logger";
import { refreshGrant } from "../grants/refresh-grant";

export const SWEEP_LOOKAHEAD_SECONDS = 10 * 60;
const PER_PROVIDER_CONCURRENCY = 4;

export type SweepResult = { candidates: number; refreshed: number; skipped: number; failed: number };

/**
 * Refresh grants that expire soon, before anyone asks. Candidates are picked with
 * FOR UPDATE SKIP LOCKED, so sweeps running at once (in-process timers on several instances, the
 * cron route, `npm run worker`) divide the work instead of doubling it; each grant is then
 * refreshed under its own row lock, re-checked against its provider's window.
 */
export async function sweepExpiringGrants({ batchSize = 100 }: { batchSize?: number } = {}): Promise<SweepResult> {
  const db = getPrisma();
  const candidates = await db.$queryRaw<Array<{ grant_id: string; provider: string }>>`
    SELECT g.grant_id, a.authenticator_type AS provider
      FROM oauth_token_grants g JOIN oauth_authenticators a ON a.authenticator_id = g.authenticator_id
     WHERE g.status = 'active' AND NOT g.is_revoked AND g.refresh_token IS NOT NULL AND a.is_active
       AND g.expires_at IS NOT NULL AND g.expires_at < now() + make_interval(secs => ${SWEEP_LOOKAHEAD_SECONDS})
       AND (g.next_refresh_after IS NULL OR g.next_refresh_after < now())
     ORDER BY g.expires_at
     LIMIT ${batchSize}
       FOR UPDATE OF g SKIP LOCKED`;
  const result: SweepResult = { candidates: candidates.length, refreshed: 0, skipped: 0, failed: 0 };
  const byProvider = new Map<string, string[]>();
  for (const c of candidates) byProvider.set(c.provider, [...(byProvider.get(c.provider) ?? []), c.grant_id]);

  await Promise.all(
    [...byProvider.values()].map(async (grantIds) => {
      const queue = [...grantIds];
      const worker = async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          try {
            const outcome = await refreshGrant(id, { skipLocked: true });
            if (outcome?.refreshed) result.refreshed++;
            else result.skipped++;
          } catch (error) {
            result.failed++;
            logger.warn({ grantId: id, err: (error as Error).message }, "sweep: refresh failed");
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PER_PROVIDER_CONCURRENCY, queue.length) }, worker));
    }),
  );
  if (result.candidates) logger.info(result, "refresh sweep");
  return result;
}

let timer: NodeJS.Timeout | undefined;

/** The in-process sweep under `next start`: once a minute, never two at once in one process. */
export function startSweepTimer(intervalMs = 60_000): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpiringGrants()
      .catch((error: unknown) => logger.error({ err: (error as Error).message }, "refresh sweep failed"))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
}
