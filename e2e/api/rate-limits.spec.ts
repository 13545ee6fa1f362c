import { randomBytes } from "node:crypto";
import { expect, test, type APIResponse } from "@playwright/test";
import { limitSpec } from "@/lib/server/rate-limit/limits";
import { asClient, fakeClientIp, newAccount, PASSWORD, uniqueEmail } from "../fixtures/accounts";

// The production server with its default limits. The runner is the one trusted proxy
// (TRUSTED_PROXIES=1): the rightmost X-Forwarded-For entry is the client address.

async function expectLimited(response: APIResponse, limit: { points: number; windowSeconds: number }) {
  expect(response.status(), await response.text()).toBe(429);
  expect((await response.json()).error).toMatchObject({ code: "rate_limited" });
  const headers = response.headers();
  const retry = Number(headers["retry-after"]);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(limit.windowSeconds);
  expect(headers["ratelimit-limit"]).toBe(String(limit.points));
  expect(headers["ratelimit-remaining"]).toBe("0");
  expect(Number(headers["ratelimit-reset"])).toBe(retry);
  expect(headers["ratelimit-policy"]).toBe(`${limit.points};w=${limit.windowSeconds}`);
}

test("sign-up is limited per client address, and a spoofed leftmost X-Forwarded-For does not escape it", async ({ request }) => {
  const limit = limitSpec("sign_up_ip");
  const ip = fakeClientIp();
  const signUp = (headers: Record<string, string>) =>
    request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("burst"), password: PASSWORD }, headers });
  for (let i = 0; i < limit.points; i++) expect((await signUp(asClient(ip))).status()).toBe(201);
  await expectLimited(await signUp(asClient(ip)), limit);
  // The client writes its own entry first; the proxy appends the real address last.
  await expectLimited(await signUp({ "x-forwarded-for": `${fakeClientIp()}, ${ip}` }), limit);
  expect((await signUp(asClient())).status()).toBe(201);
});

test("API-key guessing is stopped, on the token fast path too, and a real key from elsewhere still works", async ({ baseURL }) => {
  const limit = limitSpec("api_key_failures_ip");
  const owner = await newAccount(baseURL!, "guessed");
  const created = await owner.api.post("/api/v1/api-keys", { data: { name: "real" } });
  const { key } = (await created.json()) as { key: string };
  const ip = fakeClientIp();
  const as = (bearer: string, client: string) => ({ authorization: `Bearer ${bearer}`, ...asClient(client) });
  const guess = () => `fw_live_${randomBytes(32).toString("base64url")}`;

  const statuses: number[] = [];
  for (let i = 0; i < 100 && !statuses.includes(429); i++) {
    const path = i % 2 ? "/api/v1/me" : "/api/v1/credentials/connections/google/token";
    statuses.push((await owner.api.get(path, { headers: as(guess(), ip) })).status());
  }
  expect(statuses.slice(0, limit.points)).toEqual(Array(limit.points).fill(401));
  expect(statuses).toHaveLength(limit.points + 1);
  expect(statuses.at(-1)).toBe(429);

  await expectLimited(await owner.api.get("/api/v1/credentials/connections/google/token", { headers: as(guess(), ip) }), limit);
  await expectLimited(await owner.api.get("/api/v1/me", { headers: as(key, ip) }), limit);
  const elsewhere = await owner.api.get("/api/v1/me", { headers: as(key, fakeClientIp()) });
  expect(elsewhere.status()).toBe(200);
  // Successful key requests carry the per-key limit's state.
  const perKey = limitSpec("api_key_requests");
  expect(elsewhere.headers()["ratelimit-limit"]).toBe(String(perKey.points));
  expect(Number(elsewhere.headers()["ratelimit-remaining"])).toBeLessThan(perKey.points);
});

test("a sign-in refused by the per-email limit answers 429 through next-auth, keeping its error for the form", async ({ request, baseURL }) => {
  const limit = limitSpec("sign_in_email");
  const account = await newAccount(baseURL!, "locked");
  const attempt = async (password: string) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    return request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: account.email, password, json: "true" },
      headers: asClient(),
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < limit.points; i++) expect((await attempt("not the password at all")).status()).toBe(401);
  const refused = await attempt(PASSWORD);
  expect(refused.status()).toBe(429);
  const body = await refused.json();
  expect(body.error.code).toBe("rate_limited");
  expect(new URL(body.url).searchParams.get("error")).toBe("rate_limited");
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(refused.headers()["ratelimit-limit"]).toBe(String(limit.points));
});
