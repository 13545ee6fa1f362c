import "server-only";
import { getPrisma } from "../db/client";
import { logger } from "../logger";

// Token reads are counted in memory and written as one aggregate event per app and authenticator
// each minute (the spec's "log token usage"), never a row per request on the hot path. The
// production server's fast path and Next's bundle each load this module: the counts live on
// globalThis so that one flush writes both.
const state: { counts: Map<string, number>; lastFlush: number } = ((globalThis as { __fiberwiseTokenUsage?: typeof state }).__fiberwiseTokenUsage ??= {
  counts: new Map(),
  lastFlush: Date.now(),
});
const counts = state.counts;
export const FLUSH_INTERVAL_MS = 60_000;

export function countTokenServed(appId: string, authenticatorId: string): void {
  const key = `${appId}\u0000${authenticatorId}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (Date.now() - state.lastFlush >= FLUSH_INTERVAL_MS) void flushTokenUsage();
}

export async function flushTokenUsage(): Promise<number> {
  state.lastFlush = Date.now();
  const entries = [...counts];
  counts.clear();
  if (!entries.length) return 0;
  try {
    await getPrisma().oAuthEvent.createMany({
      data: entries.map(([key, count]) => {
        const [appId, authenticatorId] = key.split("\u0000");
        return { eventType: "token.served", appId, authenticatorId, details: { count, period_seconds: FLUSH_INTERVAL_MS / 1000 } };
      }),
    });
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "could not record token usage");
  }
  return entries.reduce((sum, [, n]) => sum + n, 0);
}
