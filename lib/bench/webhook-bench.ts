// npm run bench:webhooks — how fast and how safely webhooks are delivered. 2,000 events to local
// receivers through a worker process (pg-boss), against a baseline measured in the same run (the same
// signed POSTs sent straight to the receivers, the same concurrency); latency from the change (the
// event's created_at) to the receiver's arrival. Then 2,000 more, with the worker killed (-9) mid-run
// and restarted: how many events were lost and how many duplicated. Not a test: it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import cliProgress from "cli-progress";
import { disconnectPrisma, getPrisma } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { pgExecutor } from "../server/db/sql-executor";
import { createTestDatabase, dropTestDatabase, testServerUrl } from "../testing/test-database";
import { addEndpoint } from "../testing/webhook-receiver";
import { perEndpointConcurrency } from "../server/webhooks/attempt-delivery";
import { enqueueWebhookEvent } from "../server/webhooks/enqueue-event";
import { signedHeaders } from "../server/webhooks/sign-payload";
import { stopWebhookWorkers, wakeEvents } from "../server/webhooks/webhook-queue";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 4);
const WORKERS = Number(process.env.WEBHOOK_WORKERS ?? 10);

type Arrival = { id: string; at: number };
const arrivals: Arrival[] = [];

async function startReceivers(): Promise<{ urls: string[]; close: () => void }> {
  const servers = await Promise.all(
    Array.from({ length: ENDPOINTS }, async () => {
      const server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          arrivals.push({ id: String(req.headers["webhook-id"]), at: Date.now() });
          res.writeHead(200).end("ok");
        });
      });
      server.keepAliveTimeout = 30_000;
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      return server;
    }),
  );
  return { urls: servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`), close: () => servers.forEach((s) => s.close()) };
}

function startWorker(): ChildProcess {
  return spawn("node", ["--conditions=react-server", "--import", "tsx", "lib/scripts/worker.ts"], {
    stdio: "ignore",
    env: { ...process.env, LOG_LEVEL: "silent", REFRESH_SWEEP_INTERVAL_MS: "600000", WEBHOOK_LEASE_SECONDS: process.env.WEBHOOK_LEASE_SECONDS ?? "12" },
  });
}

/** Write `count` events round-robin over the app's endpoints, 50 per transaction, 4 writers at once; resolves to the seconds it took. */
async function enqueue(appId: string, endpointIds: string[], count: number): Promise<number> {
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const from = next;
        next += 50;
        const events = await getPrisma().$transaction(async (tx) => {
          const ids: Array<string | null> = [];
          for (let i = from; i < Math.min(count, from + 50); i++) {
            ids.push(await enqueueWebhookEvent(tx, { appId, type: "webhook.test", endpointId: endpointIds[i % endpointIds.length], data: { n: i } }));
          }
          return ids;
        });
        // As the services do after their transaction commits (the worker's scan would find them too, within 2 s).
        await wakeEvents(events);
      }
    }),
  );
  return (Date.now() - started) / 1000;
}

async function waitFor(label: string, total: number, count: () => number, timeoutMs: number, onProgress?: (n: number) => void): Promise<number> {
  const bar = new cliProgress.SingleBar({ format: `${label.padEnd(26)} {bar} {value}/{total} events`, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  const deadline = Date.now() + timeoutMs;
  while (count() < total && Date.now() < deadline) {
    bar.update(Math.min(total, count()));
    onProgress?.(count());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  bar.update(Math.min(total, count()));
  bar.stop();
  return count();
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function eventTimes(since: Date): Promise<Map<string, number>> {
  const rows = await getPrisma().webhookEvent.findMany({ where: { createdAt: { gte: since } }, select: { id: true, createdAt: true } });
  return new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
}

async function main() {
  process.env.TEST_DATABASE_URL = testServerUrl();
  const db = await createTestDatabase("fw_bench_webhooks");
  process.env.DATABASE_URL = db.url;
  const receivers = await startReceivers();
  let worker: ChildProcess | null = null;
  try {
    const executor = await pgExecutor(db.url);
    await migrate(executor, { log: () => {} });
    await executor.close();
    const appId = `bench-${Date.now().toString(36)}`;
    await getPrisma().app.create({ data: { appId, name: "Webhook bench" } });
    const endpoints = await Promise.all(receivers.urls.map((url) => addEndpoint(appId, url, ["webhook.test"])));
    console.log(`${EVENTS} events over ${ENDPOINTS} endpoints; ${WORKERS} workers, at most ${perEndpointConcurrency()} in flight per endpoint\n`);

    // Baseline: the same signed POSTs straight at the receivers, with the same total concurrency.
    const concurrency = Math.min(WORKERS, ENDPOINTS * perEndpointConcurrency());
    const body = JSON.stringify({ type: "webhook.test", id: "msg_baseline", created_at: new Date().toISOString(), data: { n: 0 } });
    let sent = 0;
    const baselineStarted = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        while (sent < EVENTS) {
          const n = sent++;
          const endpoint = endpoints[(n + w) % endpoints.length]!;
          const response = await fetch(receivers.urls[(n + w) % endpoints.length]!, {
            method: "POST", body, headers: { "content-type": "application/json", ...signedHeaders(`msg_baseline_${n}`, body, [endpoint.secret]) },
          });
          await response.arrayBuffer();
        }
      }),
    );
    const baselineRate = EVENTS / ((Date.now() - baselineStarted) / 1000);
    arrivals.length = 0;

    // Run 1: a worker delivers as the events are written.
    worker = startWorker();
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the worker's pg-boss is up
    const since1 = new Date();
    const started = Date.now();
    const writing = enqueue(appId, endpoints.map((e) => e.id), EVENTS);
    await waitFor("run 1 (one worker)", EVENTS, () => arrivals.length, 300_000);
    const writeSeconds = await writing;
    const elapsed = (Math.max(...arrivals.map((a) => a.at)) - started) / 1000;
    const times = await eventTimes(since1);
    const latencies = arrivals.map((a) => a.at - (times.get(a.id) ?? a.at)).sort((a, b) => a - b);
    const rate = arrivals.length / elapsed;

    // Run 2: kill -9 the worker halfway, start another; count what was lost and duplicated.
    arrivals.length = 0;
    const since2 = new Date();
    const writing2 = enqueue(appId, endpoints.map((e) => e.id), EVENTS);
    let killedAt = 0;
    await waitFor("run 2 (kill -9 halfway)", EVENTS / 2, () => arrivals.length, 300_000);
    worker.kill("SIGKILL");
    await once(worker, "exit");
    killedAt = arrivals.length;
    worker = startWorker();
    await writing2;
    const ids2 = await eventTimes(since2);
    const unique = () => new Set(arrivals.map((a) => a.id)).size;
    await waitFor("run 2 (after restart)", ids2.size, unique, 300_000);
    const counts = new Map<string, number>();
    for (const a of arrivals) counts.set(a.id, (counts.get(a.id) ?? 0) + 1);
    const lost = [...ids2.keys()].filter((id) => !counts.has(id)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const undelivered = await getPrisma().webhookDelivery.count({ where: { status: { not: "delivered" } } });

    console.log(`\nbaseline (direct signed POSTs, ${concurrency} at a time): ${baselineRate.toFixed(0)} deliveries/s`);
    console.log(`events written at ${(EVENTS / writeSeconds).toFixed(0)}/s (the changes themselves, 4 writers)`);
    console.log(`through the queue: ${rate.toFixed(0)} deliveries/s  (ratio ${(rate / baselineRate).toFixed(2)} of the baseline)`);
    console.log(`change → arrival: p50 ${pct(latencies, 50)} ms  p99 ${pct(latencies, 99)} ms  max ${latencies.at(-1)} ms`);
    console.log(`kill -9 after ${killedAt} of ${EVENTS} arrivals: lost ${lost} (target 0) ${lost === 0 ? "✔" : "✖"}, duplicated ${duplicated}, rows not delivered ${undelivered}`);
  } finally {
    worker?.kill("SIGTERM");
    receivers.close();
    await stopWebhookWorkers();
    await disconnectPrisma();
    await dropTestDatabase(db.name).catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
