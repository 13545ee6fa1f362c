import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { getPrisma } from "../db/client";
import { ConfigError } from "../env";
import { errorResponse, RateLimitedError } from "../errors";
import { apiKeyRequestState, consumeApiKeyRequest, flushApiKeyRequests } from "./api-key-requests";
import { assertNotBlocked, hit, isBlocked, refund } from "./limit";
import { LIMITS, limitSpec, type LimitName } from "./limits";
import { limiterFor } from "./store";

const run = promisify(execFile);
const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(LIMITS) as LimitName[]) {
    const env = LIMITS[name].env;
    if (saved[env] === undefined) delete process.env[env];
    else process.env[env] = saved[env];
  }
});

async function refusal(promise: Promise<unknown>): Promise<RateLimitedError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

const storeLimits = (Object.keys(LIMITS) as LimitName[]).filter((n) => n !== "api_key_requests");

describe("limit definitions", () => {
  it("takes overrides as <points>/<window> and names a bad one", () => {
    process.env.RATE_LIMIT_SIGN_UP_PER_IP = "3/2m";
    expect(limitSpec("sign_up_ip")).toEqual({ name: "sign_up_ip", points: 3, windowSeconds: 120 });
    process.env.RATE_LIMIT_SIGN_UP_PER_IP = "7/45";
    expect(limitSpec("sign_up_ip")).toMatchObject({ points: 7, windowSeconds: 45 });
    for (const bad of ["lots", "0/1m", "5/0s", "5 per minute", "-1/1h"]) {
      process.env.RATE_LIMIT_SIGN_UP_PER_IP = bad;
      expect(() => limitSpec("sign_up_ip")).toThrow(ConfigError);
      expect(() => limitSpec("sign_up_ip")).toThrow(/RATE_LIMIT_SIGN_UP_PER_IP/);
    }
  });
});

describe.each(storeLimits)("the %s limit", (name) => {
  it("lets exactly its points through, then answers 429 with Retry-After and RateLimit-*", async () => {
    const { points, windowSeconds } = limitSpec(name);
    const subject = `203.0.113.${randomUUID()}`;
    for (let i = 1; i <= points; i++) expect((await hit(name, subject)).remaining).toBe(points - i);
    const error = await refusal(hit(name, subject));
    const response = errorResponse(error, "req-1");
    expect(response.status).toBe(429);
    expect((await response.json()).error.code).toBe("rate_limited");
    const retry = Number(response.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(windowSeconds);
    expect(response.headers.get("ratelimit-limit")).toBe(String(points));
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    expect(response.headers.get("ratelimit-reset")).toBe(String(retry));
    expect(response.headers.get("ratelimit-policy")).toBe(`${points};w=${windowSeconds}`);
    // Another subject is untouched.
    expect((await hit(name, `${subject}-other`)).remaining).toBe(points - 1);
  });
});

describe("hit and refund", () => {
  it("are atomic under concurrency and keep the counter in PostgreSQL", async () => {
    process.env.RATE_LIMIT_SIGN_UP_PER_IP = "5/1h";
    const subject = `198.51.100.${randomUUID()}`;
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => hit("sign_up_ip", subject)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const [row] = await getPrisma().$queryRaw<Array<{ points: number }>>`SELECT points FROM rate_limits WHERE key = ${`sign_up_ip:${subject}`}`;
    expect(row!.points).toBeGreaterThanOrEqual(5);
  });

  it("refund gives a point back and clears the in-process block", async () => {
    process.env.RATE_LIMIT_CRON_FAILURES_PER_IP = "2/10m";
    const subject = `192.0.2.${randomUUID()}`;
    await hit("cron_failures_ip", subject);
    await hit("cron_failures_ip", subject);
    expect(isBlocked("cron_failures_ip", subject)).toBe(true);
    await refund("cron_failures_ip", subject);
    expect(isBlocked("cron_failures_ip", subject)).toBe(false);
    expect((await hit("cron_failures_ip", subject)).remaining).toBe(0);
  });

  it("answers a known-exhausted subject from memory, without the store", async () => {
    process.env.RATE_LIMIT_API_KEY_FAILURES_PER_IP = "3/10m";
    const subject = `192.0.2.${randomUUID()}`;
    for (let i = 0; i < 3; i++) await hit("api_key_failures_ip", subject);
    const { limiter } = limiterFor("api_key_failures_ip");
    const consume = limiter.consume.bind(limiter);
    let storeCalls = 0;
    limiter.consume = (...args) => (storeCalls++, consume(...args));
    try {
      expect(() => assertNotBlocked("api_key_failures_ip", subject)).toThrow(RateLimitedError);
      await refusal(hit("api_key_failures_ip", subject));
      expect(storeCalls).toBe(0);
    } finally {
      limiter.consume = consume;
    }
  });
});

describe("across instances (separate processes sharing the database)", () => {
  const child = (args: string[], env: Record<string, string> = {}) =>
    run("node", ["--conditions=react-server", "--import", "tsx", "lib/testing/rate-limit-child.ts", ...args], { env: { ...process.env, ...env } }).then(
      ({ stdout }) => (JSON.parse(stdout) as { allowed: number }).allowed,
    );

  it("a store limit holds: 3 instances × 20 concurrent attempts against 5 points let exactly 5 through", async () => {
    const subject = `203.0.113.${randomUUID()}`;
    const env = { RATE_LIMIT_SIGN_IN_PER_EMAIL: "5/15m" };
    const allowed = await Promise.all([1, 2, 3].map(() => child(["hit", "sign_in_email", subject, "20"], env)));
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(5);
  }, 60_000);

  it("the batched per-key limit holds with a bounded overshoot", async () => {
    const keyId = `key-${randomUUID()}`;
    const env = { RATE_LIMIT_API_KEY_REQUESTS: "400/60s" };
    const allowed = await Promise.all([1, 2].map(() => child(["api-key", "api_key_requests", keyId, "300"], env)));
    const total = allowed[0]! + allowed[1]!;
    expect(total).toBeGreaterThanOrEqual(400);
    // Overshoot: what the other instance had not yet written, one batch (1%) plus one round trip.
    expect(total).toBeLessThanOrEqual(400 + 2 * 2 * Math.ceil(400 / 100));
    // Both instances did real work: neither had the whole limit to itself.
    expect(Math.min(...allowed)).toBeGreaterThan(50);
    const [row] = await getPrisma().$queryRaw<Array<{ points: number }>>`SELECT points FROM rate_limits WHERE key = ${`api_key_requests:${keyId}`}`;
    expect(row!.points).toBe(total);
  }, 60_000);
});

describe("the per-key request counter in this process", () => {
  it("counts in memory, refuses past the limit, and syncs its counts to the store", async () => {
    process.env.RATE_LIMIT_API_KEY_REQUESTS = "250/60s";
    const keyId = `key-${randomUUID()}`;
    const decisions = Array.from({ length: 260 }, () => consumeApiKeyRequest(keyId));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(250);
    expect(decisions[0]).toMatchObject({ allowed: true, limit: 250, remaining: 249, windowSeconds: 60 });
    expect(decisions.at(-1)).toMatchObject({ allowed: false, remaining: 0 });
    expect(apiKeyRequestState(keyId)).toMatchObject({ limit: 250, remaining: 0 });
    await flushApiKeyRequests();
    const stored = await limiterFor("api_key_requests").limiter.get(keyId);
    expect(stored?.consumedPoints).toBe(250);
  });
});
