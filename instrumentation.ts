// Runs once when the Next.js server starts. In production a missing or malformed secret stops the
// server here, with a message that says what to set, instead of failing on the first request.
// Under `next start` it also runs the token refresh sweep once a minute (REFRESH_SWEEP=off disables it),
// and, under `next start` and `next dev`, the webhook delivery workers (WEBHOOK_WORKER=off disables them)
// and the minute's flush of usage counts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkServerConfig } = await import("./lib/server/check-server-config");
  checkServerConfig();
  if (process.env.NODE_ENV === "production" && process.env.REFRESH_SWEEP !== "off") {
    const { startSweepTimer } = await import("./lib/server/jobs/refresh-sweep");
    startSweepTimer(Number(process.env.REFRESH_SWEEP_INTERVAL_MS ?? 60_000));
  }
  if (process.env.NODE_ENV !== "test") {
    // Usage counted in this process (tokens served, proxy calls) is written every minute, whoever sweeps.
    const { flushUsage } = await import("./lib/server/jobs/flush-usage");
    setInterval(() => void flushUsage(), 60_000).unref();
  }
  if (process.env.NODE_ENV !== "test" && process.env.WEBHOOK_WORKER !== "off") {
    const { startWebhookWorkers } = await import("./lib/server/webhooks/webhook-queue");
    void startWebhookWorkers().catch((error: unknown) => console.error("webhook workers did not start:", (error as Error).message));
  }
}
