import "server-only";
import PgBoss from "pg-boss";
import { rawQuery } from "../db/raw-pool";
import { logger } from "../logger";
import { dueRevocations, retryDueRevocations, retryRevocation } from "../grants/revocation-retries";
import { attemptDelivery, DELIVERY_LEASE_SECONDS } from "./attempt-delivery";

// pg-boss 10 (PostgreSQL only; v11 needs Node 22) carries the wake-ups: a job per delivery attempt,
// due now or at the retry time, picked by any worker on any instance. The delivery rows stay the
// truth (attempt-delivery.ts claims with a lease), so a duplicate job is harmless and a missing one
// is found by the recovery scan.
export const DELIVERY_QUEUE = "webhook-delivery";
/** Revocations the provider did not confirm at disconnect, retried through the same queue (RFC 9700). */
export const REVOCATION_QUEUE = "revocation-retry";

type Consumer = { stop: () => Promise<void>; wake: () => void };
type Holder = { boss?: PgBoss; starting?: Promise<PgBoss | null>; url?: string; consumers: Consumer[]; scan?: NodeJS.Timeout; startingWorkers?: boolean };
const holder: Holder = ((globalThis as { __fiberwiseWebhookQueue?: Holder }).__fiberwiseWebhookQueue ??= { consumers: [] });

/**
 * A pg-boss consumer that keeps up to `concurrency` jobs running and fetches more as each one ends.
 * Written here because pg-boss 10's work() handles one batch per polling interval and waits for
 * the whole batch: with a 1 s interval that is `batchSize` deliveries a second, and one receiver
 * that hangs for 10 s would hold a batch's slot-mates' successors. Jobs are completed (or failed,
 * for pg-boss to retry) one by one; an idle consumer polls every `pollMs` or when woken.
 */
function consume<T>(boss: PgBoss, queue: string, concurrency: number, pollMs: number, handler: (data: T) => Promise<void>): Consumer {
  let stopping = false;
  let active = 0;
  let nudge: (() => void) | null = null;
  const wake = () => nudge?.();
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    nudge = () => {
      clearTimeout(timer);
      resolve();
    };
  }).finally(() => (nudge = null));
  const loop = (async () => {
    while (!stopping) {
      const free = concurrency - active;
      if (free <= 0) {
        await pause(pollMs);
        continue;
      }
      let jobs: Array<PgBoss.Job<T>> = [];
      try {
        jobs = await boss.fetch<T>(queue, { batchSize: free });
      } catch (error) {
        logger.warn({ err: (error as Error).message, queue }, "could not fetch jobs");
      }
      if (!jobs.length) {
        await pause(pollMs);
        continue;
      }
      for (const job of jobs) {
        active++;
        void handler(job.data)
          .then(
            () => boss.complete(queue, job.id),
            (error: unknown) => boss.fail(queue, job.id, { message: (error as Error).message }),
          )
          .catch((error: unknown) => logger.warn({ err: (error as Error).message, queue }, "could not settle a job"))
          .finally(() => {
            active--;
            wake();
          });
      }
    }
  })();
  return {
    wake,
    stop: async () => {
      stopping = true;
      wake();
      await loop;
      for (let waited = 0; active > 0 && waited < 15_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

/** The process's pg-boss, started (and its schema installed) on first use; null on the embedded database. */
export async function getBoss(): Promise<PgBoss | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  if (holder.boss && holder.url === url) return holder.boss;
  holder.starting ??= (async () => {
    const boss = new PgBoss({
      connectionString: url,
      max: Number(process.env.WEBHOOK_QUEUE_POOL_MAX ?? 4),
      // Expired jobs of killed workers come back quickly; completed jobs are kept a day for inspection.
      maintenanceIntervalSeconds: 30,
      deleteAfterDays: 1,
    });
    boss.on("error", (error: Error) => logger.warn({ err: error.message }, "webhook queue error"));
    try {
      await boss.start();
    } catch (error) {
      await boss.stop({ graceful: false, wait: false }).catch(() => {});
      throw error;
    }
    await boss.createQueue(DELIVERY_QUEUE, {
      name: DELIVERY_QUEUE,
      // At most one queued (not yet active) job per delivery: repeated wake-ups collapse into it.
      policy: "short",
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: DELIVERY_LEASE_SECONDS * 2,
    });
    await boss.createQueue(REVOCATION_QUEUE, { name: REVOCATION_QUEUE, policy: "short", retryLimit: 3, retryDelay: 30, expireInSeconds: 120 });
    holder.boss = boss;
    holder.url = url;
    return boss;
  })().finally(() => {
    holder.starting = undefined;
  });
  return holder.starting;
}

/** Ask a worker to attempt these deliveries at `at` (now when omitted). Best effort: the scan catches what this misses. */
export async function wakeDeliveries(deliveryIds: string[], at?: Date): Promise<void> {
  if (!deliveryIds.length) return;
  try {
    const boss = await getBoss();
    if (!boss) return;
    await boss.insert(
      deliveryIds.map((id) => ({ name: DELIVERY_QUEUE, data: { delivery_id: id }, singletonKey: id, ...(at ? { startAfter: at } : {}) })),
    );
    // This process's own consumers start on it at once instead of at their next poll.
    if (!at) for (const consumer of holder.consumers) consumer.wake();
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "could not queue webhook deliveries; the recovery scan will");
  }
}

/** Wake every pending delivery of these events (after the transaction that wrote them committed). */
export async function wakeEvents(eventIds: Array<string | null | undefined>): Promise<void> {
  const ids = eventIds.filter((id): id is string => !!id);
  if (!ids.length) return;
  try {
    const rows = await rawQuery<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE event_id = ANY($1::text[]) AND status = 'pending'`, [ids]);
    await wakeDeliveries(rows.map((r) => r.id));
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "could not wake webhook deliveries; the recovery scan will");
  }
}

/**
 * Deliveries that are due (or overdue) and not in flight. New events are written by the change's own
 * transaction and found here within a scan interval; retries are found again if their job was lost
 * (a crash between the outcome's write and the next job's insert, or a worker killed mid-POST).
 */
export async function dueDeliveries(limit: number, after?: { at: Date; id: string }): Promise<Array<{ id: string; next_attempt_at: Date }>> {
  return rawQuery<{ id: string; next_attempt_at: Date }>(
    `SELECT id, next_attempt_at FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        AND ($2::timestamptz IS NULL OR (next_attempt_at, id) > ($2::timestamptz, $3::text))
      ORDER BY next_attempt_at, id LIMIT $1`,
    [limit, after?.at ?? null, after?.id ?? null],
    { name: "webhook-due-deliveries" },
  );
}

/** Queue every due delivery (pages of 500, up to 10,000 a scan): repeated wake-ups of a queued one collapse. */
async function queueDueDeliveries(): Promise<void> {
  let after: { at: Date; id: string } | undefined;
  for (let page = 0; page < 20; page++) {
    const rows = await dueDeliveries(500, after);
    await wakeDeliveries(rows.map((r) => r.id));
    if (rows.length < 500) return;
    const last = rows.at(-1)!;
    after = { at: last.next_attempt_at, id: last.id };
  }
}

async function queueRevocations(ids: string[]): Promise<void> {
  const boss = await getBoss();
  if (boss && ids.length) await boss.insert(ids.map((id) => ({ name: REVOCATION_QUEUE, data: { revocation_id: id }, singletonKey: id })));
}

/** Events (with their deliveries and attempts) are kept this many days, WEBHOOK_RETENTION_DAYS (30). */
export function retentionDays(): number {
  const configured = Number(process.env.WEBHOOK_RETENTION_DAYS);
  return Number.isFinite(configured) && configured >= 1 ? configured : 30;
}

/**
 * Forget events older than the retention, 5,000 at a time (their deliveries and attempts go with
 * them); an event with a delivery still pending is kept. Returns how many went.
 */
export async function deleteOldWebhookEvents(): Promise<number> {
  const rows = await rawQuery<{ n: number }>(
    `WITH gone AS (
       DELETE FROM webhook_events WHERE id IN (
         SELECT ev.id FROM webhook_events ev
          WHERE ev.created_at < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id AND d.status = 'pending')
          ORDER BY ev.created_at LIMIT 5000)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [retentionDays()],
  );
  return rows[0]?.n ?? 0;
}

/** Run one attempt and queue what follows: the retry at its time, or a short wait when the endpoint is busy. */
export async function runDelivery(deliveryId: string): Promise<void> {
  const outcome = await attemptDelivery(deliveryId);
  if (outcome.kind === "retry") await wakeDeliveries([deliveryId], outcome.at);
  if (outcome.kind === "busy") await wakeDeliveries([deliveryId], new Date(Date.now() + 1_000 + Math.random() * 2_000));
}

/**
 * Drain due deliveries directly, without the queue: the cron route (serverless deployments), the
 * embedded database (npm run dev), and tests. Stops after `timeSliceMs`.
 */
export async function deliverDueWebhooks(options: { timeSliceMs?: number; concurrency?: number } = {}): Promise<{ attempted: number; delivered: number }> {
  const { timeSliceMs = 50_000, concurrency = 10 } = options;
  const deadline = Date.now() + timeSliceMs;
  let attempted = 0;
  let delivered = 0;
  while (Date.now() < deadline) {
    const ids = (await dueDeliveries(concurrency * 2)).map((r) => r.id);
    if (!ids.length) break;
    let progressed = false;
    for (let i = 0; i < ids.length; i += concurrency) {
      const outcomes = await Promise.all(ids.slice(i, i + concurrency).map((id) => attemptDelivery(id)));
      for (const o of outcomes) {
        if (o.kind === "skipped" || o.kind === "busy") continue;
        progressed = true;
        attempted++;
        if (o.kind === "delivered") delivered++;
      }
      if (Date.now() >= deadline) break;
    }
    if (!progressed) break;
  }
  return { attempted, delivered };
}

/**
 * Start this process's webhook workers: up to WEBHOOK_WORKERS (default 10) deliveries at once from
 * pg-boss (polling every second when idle) and up to 2 revocation retries, plus a scan every WEBHOOK_SCAN_INTERVAL_MS (2 s) that
 * queues due deliveries (new events, lost jobs) and due revocation retries. On the embedded
 * database the scan does the work itself.
 */
export async function startWebhookWorkers(options: { retryMs?: number } = {}): Promise<void> {
  if (holder.scan || holder.startingWorkers) return;
  const { retryMs = 10_000 } = options;
  const scanEvery = Number(process.env.WEBHOOK_SCAN_INTERVAL_MS ?? 2_000);
  holder.startingWorkers = true;
  let boss: PgBoss | null;
  try {
    boss = await getBoss();
  } catch (error) {
    // The database is down as the process starts: keep trying, the process must not stay deaf.
    holder.startingWorkers = false;
    logger.warn({ err: (error as Error).message, retryMs }, "webhook queue unavailable; starting the workers again later");
    setTimeout(() => void startWebhookWorkers(options).catch(() => {}), retryMs).unref();
    return;
  }
  holder.startingWorkers = false;
  if (boss) {
    const concurrency = Number(process.env.WEBHOOK_WORKERS ?? 10);
    holder.consumers.push(consume<{ delivery_id: string }>(boss, DELIVERY_QUEUE, concurrency, 1_000, (data) => runDelivery(data.delivery_id)));
    holder.consumers.push(consume<{ revocation_id: string }>(boss, REVOCATION_QUEUE, 2, 5_000, (data) => retryRevocation(data.revocation_id).then(() => undefined)));
  }
  let scanning = false;
  let lastCleanup = 0;
  holder.scan = setInterval(() => {
    if (scanning) return;
    scanning = true;
    if (Date.now() - lastCleanup > 60_000) {
      lastCleanup = Date.now();
      void deleteOldWebhookEvents().catch((error: unknown) => logger.warn({ err: (error as Error).message }, "could not delete old webhook events"));
    }
    const work = boss
      ? Promise.all([queueDueDeliveries(), dueRevocations(100).then((ids) => queueRevocations(ids))])
      : Promise.all([
          deliverDueWebhooks({ timeSliceMs: Math.max(1_000, scanEvery * 5) }),
          retryDueRevocations(20),
        ]);
    void work
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, "webhook scan failed"))
      .finally(() => {
        scanning = false;
      });
  }, scanEvery);
  holder.scan.unref();
  logger.info({ queue: boss ? "pg-boss" : "scan", scanEveryMs: scanEvery }, "webhook workers started");
}

/** Stop the workers and the queue's connections (graceful shutdown, tests). */
export async function stopWebhookWorkers(): Promise<void> {
  if (holder.scan) clearInterval(holder.scan);
  holder.scan = undefined;
  const consumers = holder.consumers;
  holder.consumers = [];
  await Promise.all(consumers.map((c) => c.stop()));
  const boss = holder.boss;
  holder.boss = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: 15_000 }).catch(() => {});
}
