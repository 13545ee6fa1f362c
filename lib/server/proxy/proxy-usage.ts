import "server-only";
import type { ProxyStatusClass } from "../../schemas/proxy";
import { getPrisma } from "../db/client";
import { logger } from "../logger";
import { bucketOf, type Histogram } from "./latency-histogram";

type Tally = { count: number; statuses: Partial<Record<ProxyStatusClass, number>>; latency: Histogram; sumMs: number };

// Proxy calls are counted in memory and written as one aggregate event per app and authenticator
// each minute (as token reads are), never a row per request.
const tallies = new Map<string, Tally>();
let lastFlush = Date.now();
const FLUSH_INTERVAL_MS = 60_000;

export function statusClass(status: number): ProxyStatusClass {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  if (status >= 300) return "3xx";
  return "2xx";
}

export function countProxyCall(appId: string, authenticatorId: string, outcome: ProxyStatusClass, latencyMs: number): void {
  const key = `${appId}\u0000${authenticatorId}`;
  let tally = tallies.get(key);
  if (!tally) tallies.set(key, (tally = { count: 0, statuses: {}, latency: {}, sumMs: 0 }));
  tally.count += 1;
  tally.statuses[outcome] = (tally.statuses[outcome] ?? 0) + 1;
  const bucket = bucketOf(latencyMs);
  tally.latency[bucket] = (tally.latency[bucket] ?? 0) + 1;
  tally.sumMs += latencyMs;
  if (Date.now() - lastFlush >= FLUSH_INTERVAL_MS) void flushProxyUsage();
}

/** Write what was counted since the last flush as `proxy.calls` events; returns the number of calls written. */
export async function flushProxyUsage(): Promise<number> {
  lastFlush = Date.now();
  const entries = [...tallies];
  tallies.clear();
  if (!entries.length) return 0;
  try {
    await getPrisma().oAuthEvent.createMany({
      data: entries.map(([key, t]) => {
        const [appId, authenticatorId] = key.split("\u0000");
        return {
          eventType: "proxy.calls", appId, authenticatorId,
          details: { count: t.count, statuses: t.statuses, latency_ms: t.latency, sum_ms: Math.round(t.sumMs), period_seconds: FLUSH_INTERVAL_MS / 1000 },
        };
      }),
    });
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "could not record proxy usage");
  }
  return entries.reduce((sum, [, t]) => sum + t.count, 0);
}
