import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { createFiberWiseServer } from "../../lib/sdk/server";
import { newAccount } from "../fixtures/accounts";
import { agentWorld, connectEndUser } from "../fixtures/agents";
import { connectOverHttp } from "../fixtures/connect";
import { OIDC_CLIENT, OIDC_ISSUER } from "../fixtures/env";
import { startUpstreamApi } from "../fixtures/upstream-api";

// Issue 14: the proxy over HTTP, against the production server (its fast path, and Next's route for
// what the fast path leaves it) and a provider API on loopback that checks tokens by introspection.
let world: Awaited<ReturnType<typeof agentWorld>>;
let baseURL = "";
const END_USER = "u_proxy_e2e";

test.beforeAll(async ({}, info) => {
  baseURL = info.project.use.baseURL!;
  world = await agentWorld(baseURL, "proxy");
  await connectEndUser(baseURL, world.key, world.authenticatorId, END_USER);
});
test.afterAll(async () => world?.close());
test.beforeEach(() => world.upstream.reset());

const proxied = (path: string, init: RequestInit & { endUser?: string | null } = {}) => {
  const { endUser = END_USER, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set("authorization", `Bearer ${world.key}`);
  if (endUser) headers.set("fiberwise-end-user-id", endUser);
  return fetch(`${baseURL}/api/v1/proxy/${world.authenticatorId}${path}`, { ...rest, headers });
};
const endUserToken = async () =>
  ((await (await fetch(`${baseURL}/api/v1/credentials/connections/${world.authenticatorId}/token?end_user_id=${END_USER}`, { headers: { authorization: `Bearer ${world.key}` } })).json()) as { access_token: string }).access_token;

type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request sent byte for byte (fetch and Playwright resolve dot segments before sending). */
function raw(path: string, key = world.key, headers: Record<string, string> = { "fiberwise-end-user-id": END_USER }, method = "GET"): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseURL);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers: { authorization: `Bearer ${key}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("GET, POST, PUT and DELETE reach the provider with their bodies and query strings, as the end user, never with the caller's key", async () => {
  const listed = await proxied("/gmail/v1/users/me/messages?maxResults=3");
  expect(listed.status).toBe(200);
  expect(listed.headers.get("fiberwise-proxied")).toBe("true");
  expect(listed.headers.get("x-request-id")).toBeTruthy();
  expect(await listed.json()).toMatchObject({ resultSizeEstimate: 3, messages: [{ id: "msg-1", snippet: `Message 1 for ${END_USER}` }, {}, {}] });

  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    const body = JSON.stringify({ method, items: [1, 2], note: "ünïcode" });
    const res = await proxied(`/echo/things/7?mode=${method}&tag=a&tag=b`, { method, body, headers: { "content-type": "application/json", cookie: "session=caller" } });
    expect(res.status, method).toBe(200);
    expect(await res.json()).toMatchObject({ method, path: "/echo/things/7", query: `?mode=${method}&tag=a&tag=b`, body });
  }
  const token = await endUserToken();
  expect(world.upstream.requests.length).toBe(5);
  for (const seen of world.upstream.requests) {
    expect(seen.authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify(seen.headers)).not.toContain(world.key);
    expect(seen.headers.cookie).toBeUndefined();
    expect(Object.keys(seen.headers).filter((h) => h.startsWith("fiberwise-"))).toEqual([]);
  }
});

test("traversal and absolute-URL attempts are refused before anything reaches the provider", async () => {
  const id = world.authenticatorId;
  for (const path of [`/api/v1/proxy/${id}/echo/../../status/200`, `/api/v1/proxy/${id}/%2e%2e/x`, `/api/v1/proxy/${id}/echo/..%2F..%2Fadmin`, `/api/v1/proxy/${id}/a/%252e%252e/b`, `/api/v1/proxy/${id}//evil.example/x`, `/api/v1/proxy/${id}/https:%2F%2Fevil.example`]) {
    const res = await raw(path);
    expect(res.status, path).toBe(422);
    expect(JSON.parse(res.body).error.code, path).toBe("invalid_proxy_path");
  }
  // Without a valid key the answer is the authentication error, not the path's.
  expect((await raw(`/api/v1/proxy/${id}/%2e%2e/x`, "fw_live_not-a-key")).status).toBe(401);
  expect(world.upstream.requests).toHaveLength(0);
});

test("a 10 MB download streams through, byte for byte", async () => {
  const total = 10 * 1024 * 1024;
  const res = await proxied(`/bytes/${total}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-length")).toBe(String(total));
  let received = 0;
  let chunks = 0;
  const reader = res.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    received += read.value.length;
    chunks += 1;
  }
  expect(received).toBe(total);
  expect(chunks).toBeGreaterThan(10);
});

test("Retry-After is honoured when the caller asks for retries; without them the provider's 429 comes back as it is", async () => {
  const started = Date.now();
  const retried = await proxied("/flaky/e2e1?fail=1&status=503&retry_after=1", { headers: { "fiberwise-retries": "2" } });
  expect(retried.status).toBe(200);
  expect(retried.headers.get("fiberwise-attempts")).toBe("2");
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  const passed = await proxied("/flaky/e2e2?fail=1&status=429&retry_after=3");
  expect(passed.status).toBe(429);
  expect(passed.headers.get("retry-after")).toBe("3");
  expect(world.upstream.hits("e2e2")).toBe(1);
  expect((await proxied("/echo", { headers: { "fiberwise-retries": "9" } })).status).toBe(422);
});

test("a token the provider stopped accepting early: one refresh, one retry, and the call succeeds", async () => {
  // A token refreshed less than 5 s ago is not refreshed again on a 401 (that guards the provider
  // from a refresh per call when an API refuses every token): let the one from connecting age.
  const listed = await (await fetch(`${baseURL}/api/v1/credentials/connections?end_user_id=${END_USER}`, { headers: { authorization: `Bearer ${world.key}` } })).json();
  const issued = Date.parse(listed.connections[0].last_refreshed_at);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, issued + 5_500 - Date.now())));
  world.upstream.reject(await endUserToken());
  const res = await proxied("/echo/after-revocation");
  expect(res.status).toBe(200);
  expect(res.headers.get("fiberwise-attempts")).toBe("2");
  const [first, second] = world.upstream.requests.filter((r) => r.path === "/echo/after-revocation");
  expect(first!.authorization).not.toBe(second!.authorization);
  expect(second!.authorization).toBe(`Bearer ${await endUserToken()}`);
});

test("an end user who has not connected: connection_not_found with a connect_url the agent can hand them", async () => {
  const res = await proxied("/echo", { endUser: "u_not_yet" });
  expect(res.status).toBe(404);
  expect(res.headers.get("fiberwise-proxied")).toBeNull();
  const { error } = (await res.json()) as { error: { code: string; connect_url: string } };
  expect(error.code).toBe("connection_not_found");
  expect(error.connect_url).toMatch(new RegExp(`^${baseURL}/connect/fw_cs_`));
  const page = await fetch(error.connect_url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("proxy API");
  // The server SDK's proxy says the same, and refuses a path its URL parser would resolve elsewhere.
  const fiber = createFiberWiseServer({ baseUrl: baseURL, apiKey: world.key });
  for (const path of ["/../../api-keys", "/%2e%2e/%2e%2e/credentials/connections", "/a/..;/b"]) {
    const refused = await fiber.proxy({ authenticator: world.authenticatorId, path, method: "POST", json: {} }).catch((e: { status: number; code: string }) => e);
    expect(refused, path).toMatchObject({ status: 0, code: "invalid_proxy_path" });
  }
  expect(await fiber.proxy({ authenticator: "..", path: "/api-keys" }).catch((e: { code: string }) => e.code)).toBe("invalid_proxy_path");
  const sdk = await fiber.proxy({ authenticator: world.authenticatorId, path: "/echo", endUserId: "u_not_yet" }).catch((e: { code: string; connectUrl?: string }) => e);
  expect(sdk).toMatchObject({ code: "connection_not_found", connectUrl: expect.stringContaining("/connect/fw_cs_") });
  const ok = await fiber.proxy({ authenticator: world.authenticatorId, method: "POST", path: "/echo/sdk", query: { a: "1" }, json: { hello: "world" }, endUserId: END_USER });
  expect(await ok.json()).toMatchObject({ method: "POST", path: "/echo/sdk", query: "?a=1", body: JSON.stringify({ hello: "world" }) });
});

test("the fast path and the route give the same answers to the same requests", async () => {
  // The owner's own connection: plain requests take the production server's fast path, the same
  // requests naming the owner as fiberwise-user-id go to Next's route.
  await connectOverHttp(world.owner.api, baseURL, world.authenticatorId);
  const id = world.authenticatorId;
  const routeHeader = { "fiberwise-user-id": String(world.owner.user.id) };
  const cases: Array<{ name: string; path: string; method?: string; headers?: Record<string, string> }> = [
    { name: "GET with a query and the caller's request id", path: `/api/v1/proxy/${id}/echo/both?x=1&y=%20`, headers: { "x-request-id": "req-both-1" } },
    { name: "a trailing slash", path: `/api/v1/proxy/${id}/echo/slash/` },
    { name: "the caller's Accept-Encoding", path: `/api/v1/proxy/${id}/echo/enc`, headers: { "accept-encoding": "gzip" } },
    { name: "HEAD", path: `/api/v1/proxy/${id}/bytes/1000`, method: "HEAD" },
    { name: "a raw dot segment", path: `/api/v1/proxy/${id}/echo/../status/200` },
    { name: "an encoded dot segment", path: `/api/v1/proxy/${id}/%2e%2e/x` },
    { name: "a provider 404", path: `/api/v1/proxy/${id}/nowhere` },
  ];
  for (const c of cases) {
    const fast = await raw(c.path, world.key, { ...c.headers }, c.method);
    const route = await raw(c.path, world.key, { ...c.headers, ...routeHeader }, c.method);
    expect(route.status, c.name).toBe(fast.status);
    // (Content-Length may differ: Next.js streams the route's answers chunked.)
    for (const header of ["fiberwise-proxied", "fiberwise-attempts", "content-type", "content-encoding", "ratelimit-limit", "ratelimit-remaining", "set-cookie"]) {
      expect(route.headers[header], `${c.name}: ${header}`).toEqual(fast.headers[header]);
    }
    if (c.headers?.["x-request-id"]) expect([fast.headers["x-request-id"], route.headers["x-request-id"]]).toEqual(["req-both-1", "req-both-1"]);
    const strip = (body: string) => body.replace(/"(authorization|x-request-id|connection|host)":"[^"]*",?/g, "").replace(/"request_id":"[^"]*"/, "");
    expect(strip(route.body), c.name).toBe(strip(fast.body));
  }
  const slash = JSON.parse((await raw(`/api/v1/proxy/${id}/echo/slash/`, world.key, routeHeader)).body);
  expect(slash.path).toBe("/echo/slash/");
  const encoding = JSON.parse((await raw(`/api/v1/proxy/${id}/echo/enc`, world.key, { ...routeHeader, "accept-encoding": "gzip" })).body);
  expect(encoding.headers["accept-encoding"]).toBe("gzip");
});

test("what the fast path leaves to the route (acting for another member) gives the same answer", async () => {
  const member = await newAccount(baseURL, "proxy-member");
  expect((await world.owner.api.post(`/api/v1/apps/${world.appId}/members`, { data: { email: member.email, role: "member" } })).status()).toBe(201);
  await connectOverHttp(member.api, baseURL, world.authenticatorId);
  const res = await proxied("/echo/for-member?x=1", { endUser: null, headers: { "fiberwise-user-id": String(member.user.id) } });
  expect(res.status).toBe(200);
  expect(res.headers.get("fiberwise-proxied")).toBe("true");
  expect(await res.json()).toMatchObject({ path: "/echo/for-member", query: "?x=1", sub: "alice" });
  // A key without the proxy scope is refused by both paths alike.
  const narrow = ((await (await world.owner.api.post("/api/v1/api-keys", { data: { name: "tokens only", app_id: world.appId, scopes: ["tokens:read"] } })).json()) as { key: string }).key;
  const refused = await fetch(`${baseURL}/api/v1/proxy/${world.authenticatorId}/echo`, { headers: { authorization: `Bearer ${narrow}`, "fiberwise-end-user-id": END_USER } });
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");
});

test("an API that reads the token from its own header (configuration.api_token_header) gets it there, on both paths", async () => {
  // Shopify's Admin API takes X-Shopify-Access-Token: <token> and refuses Authorization: Bearer; so does this one.
  const shopLike = await startUpstreamApi({ introspectionUrl: `${OIDC_ISSUER}/token/introspection`, client: OIDC_CLIENT, tokenHeader: { name: "X-Shopify-Access-Token" } });
  try {
    const registered = await world.owner.api.post("/api/v1/oauth/authenticators", {
      data: {
        app_id: world.appId, name: "Shop-like API", authenticator_type: "custom", ...OIDC_CLIENT, scopes: ["openid", "offline_access", "read"],
        authorize_url: `${OIDC_ISSUER}/auth`, token_url: `${OIDC_ISSUER}/token`,
        configuration: { issuer: OIDC_ISSUER, authorization_params: { prompt: "consent" }, api_base_url: shopLike.url, api_token_header: { name: "X-Shopify-Access-Token" } },
      },
    });
    expect(registered.status(), await registered.text()).toBe(201);
    const shop = ((await registered.json()) as { authenticator_id: string; configuration: Record<string, unknown> });
    expect(shop.configuration.api_token_header).toEqual({ name: "X-Shopify-Access-Token" });
    await connectOverHttp(world.owner.api, baseURL, shop.authenticator_id);
    const path = `/api/v1/proxy/${shop.authenticator_id}/echo/admin/shop.json`;
    const fast = await raw(path, world.key, { "x-shopify-access-token": "shpat_the-callers-own" });
    const route = await raw(path, world.key, { "fiberwise-user-id": String(world.owner.user.id) });
    for (const [name, answer] of [["fast path", fast], ["route", route]] as const) {
      expect(answer.status, `${name}: ${answer.body}`).toBe(200);
      expect(answer.headers["fiberwise-proxied"], name).toBe("true");
    }
    const token = ((await (await world.owner.api.get(`/api/v1/credentials/connections/${shop.authenticator_id}/token`)).json()) as { access_token: string }).access_token;
    expect(shopLike.requests.map((r) => [r.headers["x-shopify-access-token"], r.authorization])).toEqual([[token, undefined], [token, undefined]]);
    const refusedHeader = await world.owner.api.patch(`/api/v1/oauth/authenticators/${shop.authenticator_id}`, {
      data: { configuration: { ...shop.configuration, api_token_header: { name: "Cookie" } } },
    });
    expect([refusedHeader.status(), (await refusedHeader.json()).error.code]).toEqual([422, "validation_error"]);
  } finally {
    await shopLike.close();
  }
});

test("an API base on an internal address is refused at registration", async () => {
  for (const url of ["http://169.254.169.254/latest/meta-data", "http://10.1.2.3/", "http://[fd00:ec2::254]/"]) {
    const res = await world.owner.api.patch(`/api/v1/oauth/authenticators/${world.authenticatorId}`, { data: { configuration: { api_base_url: url, issuer: OIDC_ISSUER } } });
    expect(res.status(), url).toBe(422);
    expect((await res.json()).error.code).toBe("invalid_provider_url");
  }
});

test("Monitoring counts proxy calls per authenticator by status class, with their latency", async ({ page }) => {
  await proxied("/echo/m1");
  await proxied("/status/404");
  await proxied("/status/503");
  expect((await fetch(`${baseURL}/api/cron/refresh-tokens`, { method: "POST", headers: { authorization: "Bearer e2e-cron-secret" } })).status).toBe(200);
  const metrics = await (await world.owner.api.get(`/api/v1/metrics?app_id=${world.appId}`)).json();
  const stat = metrics.proxy.find((p: { authenticator_id: string }) => p.authenticator_id === world.authenticatorId);
  expect(stat.calls).toBeGreaterThanOrEqual(3);
  expect(stat.statuses).toMatchObject({ "2xx": expect.any(Number), "4xx": expect.any(Number), "5xx": expect.any(Number) });
  expect(stat.statuses["4xx"]).toBeGreaterThanOrEqual(1);
  expect(stat.p50_ms).toBeGreaterThan(0);

  await page.context().addCookies(await world.owner.api.storageState().then((s) => s.cookies));
  await page.goto(`/monitoring?app_id=${world.appId}`);
  const section = page.getByRole("region", { name: "Proxy calls" });
  await expect(section).toBeVisible();
  const row = section.getByRole("row", { name: new RegExp(world.authenticatorId) });
  await expect(row.getByRole("cell").nth(1)).toHaveText(String(stat.calls));
  await expect(row.getByRole("cell").nth(4)).toHaveText(String(stat.statuses["4xx"]));
});
