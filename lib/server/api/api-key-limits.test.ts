import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { createApiKey } from "../api-keys/create-api-key";
import { seedConnections } from "../../bench/seed-connections";
import { serveTokenFast } from "../connections/serve-token-fast";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { limitSpec } from "../rate-limit/limits";
import { createUser, sessionCtx } from "../../testing/factories";
import { authenticate, withApiAuth } from "./with-api-auth";

// Without the production server's stamp, clientIp reads the address Next.js would have written
// into X-Forwarded-For; each test uses its own.
const request = (ip: string, key: string) =>
  new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": ip } });
const guess = () => `fw_live_${randomBytes(32).toString("base64url")}`;
const fakeIp = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function outcome(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status}:${error.code}` : String(error);
  }
}

const saved = process.env.RATE_LIMIT_API_KEY_REQUESTS;
afterEach(() => {
  if (saved === undefined) delete process.env.RATE_LIMIT_API_KEY_REQUESTS;
  else process.env.RATE_LIMIT_API_KEY_REQUESTS = saved;
  vi.restoreAllMocks();
});

describe("API key guessing", () => {
  it("is stopped within 100 attempts, and a blocked address costs no further lookups", async () => {
    const ip = fakeIp();
    const results: string[] = [];
    for (let i = 0; i < 100; i++) results.push(await outcome(authenticate(request(ip, guess()), randomUUID())));
    const firstRefusal = results.indexOf("429:rate_limited");
    expect(firstRefusal).toBe(limitSpec("api_key_failures_ip").points);
    expect(results.slice(0, firstRefusal).every((r) => r === "401:invalid_api_key")).toBe(true);
    expect(results.slice(firstRefusal).every((r) => r === "429:rate_limited")).toBe(true);

    // Once blocked, even a real key from that address is refused, and no key is looked up.
    const user = await createUser("guessed");
    const { key } = await createApiKey({ ctx: sessionCtx(user), input: { name: "real" } });
    const lookups = vi.spyOn(getPrisma(), "$queryRaw");
    expect(await outcome(authenticate(request(ip, key), randomUUID()))).toBe("429:rate_limited");
    expect(await outcome(authenticate(request(ip, guess()), randomUUID()))).toBe("429:rate_limited");
    expect(lookups).not.toHaveBeenCalled();
    // Another address is unaffected (and its key is looked up: the spy sees lookups).
    expect(await outcome(authenticate(request(fakeIp(), key), randomUUID()))).toBe("ok");
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it("answers the block as a 429 envelope with Retry-After and RateLimit-* through the route wrapper", async () => {
    const ip = fakeIp();
    const route = withApiAuth({}, async () => Response.json({ ok: true }));
    const { points, windowSeconds } = limitSpec("api_key_failures_ip");
    for (let i = 0; i < points; i++) expect((await route(request(ip, guess()), { params: Promise.resolve({}) })).status).toBe(401);
    const response = await route(request(ip, guess()), { params: Promise.resolve({}) });
    expect(response.status).toBe(429);
    expect((await response.json()).error.code).toBe("rate_limited");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("ratelimit-limit")).toBe(String(points));
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    expect(response.headers.get("ratelimit-policy")).toBe(`${points};w=${windowSeconds}`);
  });
});

describe("the per-key request limit", () => {
  it("refuses a key past its limit with 429, and reports its state on successful answers", async () => {
    process.env.RATE_LIMIT_API_KEY_REQUESTS = "5/60s";
    const user = await createUser("busy");
    const { key } = await createApiKey({ ctx: sessionCtx(user), input: { name: "busy" } });
    const route = withApiAuth({}, async () => Response.json({ ok: true }));
    const ip = fakeIp();
    const first = await route(request(ip, key), { params: Promise.resolve({}) });
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("5");
    expect(first.headers.get("ratelimit-remaining")).toBe("4");
    for (let i = 0; i < 4; i++) expect((await route(request(ip, key), { params: Promise.resolve({}) })).status).toBe(200);
    const refused = await route(request(ip, key), { params: Promise.resolve({}) });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // A busy key is not a guessing address: the key-failure limit of the IP is untouched.
    const other = await createApiKey({ ctx: sessionCtx(user), input: { name: "other" } });
    expect((await route(request(ip, other.key), { params: Promise.resolve({}) })).status).toBe(200);
  });
});

describe("the per-key request limit on the token fast path", () => {
  it("counts served tokens, and past the limit hands the request to the regular path, which answers 429", async () => {
    process.env.RATE_LIMIT_API_KEY_REQUESTS = "3/60s";
    const { authenticatorId, users } = await seedConnections(1);
    const { userId, apiKey } = users[0]!;
    // Last-use bookkeeping done, so the fast path may answer.
    await getPrisma().apiKey.updateMany({ where: { userId }, data: { lastUsedAt: new Date() } });
    await getPrisma().userAppOAuthAuthentication.updateMany({ where: { userId }, data: { lastUsedAt: new Date() } });
    for (let i = 0; i < 3; i++) expect(await serveTokenFast(apiKey, authenticatorId, null)).toMatchObject({ token_type: "Bearer" });
    expect(await serveTokenFast(apiKey, authenticatorId, null)).toBeNull();
    expect(await outcome(authenticateApiKey(apiKey))).toBe("429:rate_limited");
  });
});
