import "server-only";
import { databaseKind } from "../db/client";
import { BatchedCounter, localSync, postgresSync } from "./batched-counter";
import { rateLimitedError, type RateDecision } from "./decision";
import { LIMITS, limitSpec } from "./limits";
import { pool } from "./store";

type Holder = { counter?: BatchedCounter; id?: string };
// On globalThis: the token fast path (server bundle) and the routes (Next's bundles) must count
// into one counter per process.
const holder: Holder = ((globalThis as { __fiberwiseKeyRequests?: Holder }).__fiberwiseKeyRequests ??= {});

// On every API request: compare the two settings' raw strings, and parse only when they change.
function counter(): BatchedCounter {
  const url = process.env.DATABASE_URL ?? "";
  const id = `${url}|${process.env[LIMITS.api_key_requests.env] ?? ""}`;
  if (!holder.counter || holder.id !== id) {
    const spec = limitSpec("api_key_requests");
    const sync = databaseKind() === "postgres" ? postgresSync(pool(url), spec.name) : localSync;
    holder.counter = new BatchedCounter(spec, sync);
    holder.id = id;
  }
  return holder.counter;
}

/** Count one API request for the key (in memory; no I/O on this path). */
export function consumeApiKeyRequest(keyId: string): RateDecision {
  return counter().consume(keyId);
}

/** Count one API request for the key, or throw the 429. */
export function enforceApiKeyRequestLimit(keyId: string): void {
  const decision = consumeApiKeyRequest(keyId);
  if (!decision.allowed) throw rateLimitedError(counter().spec, decision);
}

/** The key's window as it stands (for RateLimit-* headers on successful answers). */
export function apiKeyRequestState(keyId: string): RateDecision {
  return counter().peek(keyId);
}

/** Push this process's unsynced counts now (tests, shutdown). */
export function flushApiKeyRequests(): Promise<void> {
  return counter().flush();
}
