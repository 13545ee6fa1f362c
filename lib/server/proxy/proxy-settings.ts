import "server-only";
import { ConfigError } from "../env";

export type ProxySettings = {
  /** How long to wait for a provider's response headers, and between two chunks of its body. */
  timeoutMs: number;
  /** Request bodies up to this size are held so they can be sent again. */
  replayBufferBytes: number;
  /** How long the fast path may reuse its row for one key, user and authenticator (0: never). */
  authCacheMs: number;
};

const SETTINGS: Array<[keyof ProxySettings, string, number, number, number]> = [
  ["timeoutMs", "PROXY_TIMEOUT_MS", 30_000, 1, 600_000],
  ["replayBufferBytes", "PROXY_REPLAY_BUFFER_BYTES", 1024 * 1024, 0, 64 * 1024 * 1024],
  ["authCacheMs", "PROXY_AUTH_CACHE_MS", 1_000, 0, 60_000],
];

let cached: ProxySettings | undefined;

/**
 * The proxy's settings, read once and checked: a whole number in range, or the server refuses to
 * start (checkServerConfig) — "1MB" read as NaN would otherwise buffer every upload whole.
 */
export function proxySettings(): ProxySettings {
  if (cached) return cached;
  const out = {} as ProxySettings;
  for (const [key, name, fallback, min, max] of SETTINGS) {
    const raw = process.env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    }
    out[key] = value;
  }
  return (cached = out);
}
