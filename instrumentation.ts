// Runs once when the Next.js server starts. In production a missing or malformed secret stops the
// server here, with a message that says what to set, instead of failing on the first request.
// Under `next start` it also runs the token refresh sweep once a minute (REFRESH_SWEEP=off disables it).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkServerConfig } = await import("./lib/server/check-server-config");
  checkServerConfig();
  if (process.env.NODE_ENV === "production" && process.env.REFRESH_SWEEP !== "off") {
    const { startSweepTimer } = await import("./lib/server/jobs/refresh-sweep");
    const { flushTokenUsage } = await import("./lib/server/connections/token-usage");
    startSweepTimer(Number(process.env.REFRESH_SWEEP_INTERVAL_MS ?? 60_000));
    setInterval(() => void flushTokenUsage(), 60_000).unref();
  }
}
