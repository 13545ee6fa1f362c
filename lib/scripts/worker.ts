// npm run worker: the refresh sweep and the webhook delivery workers as their own process (for
// deployments that keep web servers stateless; run as many as you like).
import { disconnectPrisma } from "../server/db/client";
import { logger } from "../server/logger";
import { installProcessGuards } from "../server/process-guards";
import { flushUsage } from "../server/jobs/flush-usage";
import { startWebhookWorkers, stopWebhookWorkers } from "../server/webhooks/webhook-queue";
import { sweepExpiringGrants, sweepTimeSliceMs } from "../server/jobs/refresh-sweep";

installProcessGuards("worker");
const intervalMs = Number(process.env.REFRESH_SWEEP_INTERVAL_MS ?? 60_000);
let stopping = false;

async function main() {
  logger.info({ intervalMs }, "refresh worker started");
  if (process.env.WEBHOOK_WORKER !== "off") {
    void startWebhookWorkers().catch((error: unknown) => logger.error({ err: (error as Error).message }, "webhook workers did not start"));
  }
  while (!stopping) {
    const started = Date.now();
    await sweepExpiringGrants({ timeSliceMs: sweepTimeSliceMs(Math.max(5_000, intervalMs * 0.8)) }).catch((error: unknown) => logger.error({ err: (error as Error).message }, "sweep failed"));
    await flushUsage();
    const wait = Math.max(1_000, intervalMs - (Date.now() - started));
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    void stopWebhookWorkers()
      .then(() => disconnectPrisma())
      .finally(() => process.exit(0));
  });
}
void main();
