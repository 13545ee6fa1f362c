// npm run worker: the refresh sweep as its own process (for deployments that keep web servers stateless).
import { disconnectPrisma } from "../db/client";
import { logger } from "../logger";
import { installProcessGuards } from "../process-guards";
import { flushTokenUsage } from "../connections/token-usage";
import { sweepExpiringGrants, sweepTimeSliceMs } from "./refresh-sweep";

installProcessGuards("worker");
const intervalMs = Number(process.env.REFRESH_SWEEP_INTERVAL_MS ?? 60_000);
let stopping = false;

async function main() {
  logger.info({ intervalMs }, "refresh worker started");
  while (!stopping) {
    const started = Date.now();
    await sweepExpiringGrants({ timeSliceMs: sweepTimeSliceMs(Math.max(5_000, intervalMs * 0.8)) }).catch((error: unknown) => logger.error({ err: (error as Error).message }, "sweep failed"));
    await flushTokenUsage();
    const wait = Math.max(1_000, intervalMs - (Date.now() - started));
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    void disconnectPrisma().finally(() => process.exit(0));
  });
}
void main();
