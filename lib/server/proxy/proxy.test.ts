import type { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authorizeAtProvider } from "../../../e2e/fixtures/provider-login";
import { startUpstreamApi, type UpstreamApi } from "../../../e2e/fixtures/upstream-api";
import { proxyControlSchema } from "../../schemas/proxy";
import { createConnectSessionSchema } from "../../schemas/end-users";
import { startLoopbackServer } from "../../testing/loopback-server";
import { apiKeyCtx, sessionCtx } from "../../testing/factories";
import { APP, startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { createApiKey } from "../api-keys/create-api-key";
import type { AuthedContext } from "../auth/actor";
import { getMetrics } from "../audit/get-metrics";
import { parseRegistrationOrThrow } from "../authenticators/parse-registration";
import { registerAuthenticator } from "../authenticators/register-authenticator";
import { completeConnection } from "../connections/complete-connection";
import { getConnectionToken } from "../connections/get-connection-token";
import { createConnectSession } from "../connect-sessions/create-connect-session";
import { finishConnectFlow } from "../connect-sessions/finish-connect-flow";
import { startEndUserConnection } from "../connect-sessions/start-end-user-connection";
import { encryptSecret } from "../crypto/encryption";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { forwardUpstream } from "./forward-upstream";
import { providerApi } from "./provider-api";
import { proxyRequest } from "./proxy-request";
import { flushProxyUsage } from "./proxy-usage";
import { readRequestBody } from "./request-body";

// Issue 14: the proxy against a real authorization server (oidc-provider) and a provider API on
// loopback that accepts only tokens the authorization server's introspection calls active.
let h: OAuthHarness;
let upstream: UpstreamApi;
let shopLike: UpstreamApi;
let id = "";
let based = "";
let bare = "";
let shop = "";

beforeAll(async () => {
  h = await startOAuthHarness([{ name: "px" }, { name: "pxb" }, { name: "pxn" }, { name: "pxs" }]);
  upstream = await startUpstreamApi({ introspectionUrl: `${h.provider.issuer}/token/introspection`, client: h.clientFor("px") });
  const scopes = ["openid", "offline_access", "read"];
  id = await h.register("px", scopes, { api_base_url: upstream.url, issuer: h.provider.issuer });
  based = await h.register("pxb", scopes, { api_base_url: `${upstream.url}/echo/base/`, issuer: h.provider.issuer });
  bare = await h.register("pxn", scopes, { issuer: h.provider.issuer });
  // An API that takes the token in its own header, bare, as Shopify's Admin API does.
  shopLike = await startUpstreamApi({ introspectionUrl: `${h.provider.issuer}/token/introspection`, client: h.clientFor("px"), tokenHeader: { name: "X-Shopify-Access-Token" } });
  shop = await h.register("pxs", scopes, { api_base_url: shopLike.url, api_token_header: { name: "X-Shopify-Access-Token" }, issuer: h.provider.issuer });
  await h.connect(id);
  await h.connect(based);
  await h.connect(bare);
  await h.connect(shop);
});
afterAll(async () => {
  await upstream?.close();
  await shopLike?.close();
  await h?.provider.stop();
});
afterEach(() => {
  upstream.reset();
  shopLike.reset();
});

const key = (scopes: Parameters<typeof apiKeyCtx>[1] = ["proxy"], app: string | null = h.appId) => apiKeyCtx(h.owner, scopes, app);

type Call = { search?: string; headers?: Record<string, string>; body?: string | Buffer; control?: Record<string, string>; ctx?: AuthedContext; authenticator?: string };
async function call(method: string, path: string, options: Call = {}) {
  const body = options.body === undefined ? null : (async function* () { yield Buffer.from(options.body!); })();
  const answer = await proxyRequest({
    ctx: options.ctx ?? key(),
    input: {
      authenticatorId: options.authenticator ?? id, method: method as never, path, search: options.search ?? "",
      headers: Object.entries({ authorization: "Bearer fw_live_the-callers-own-key", ...options.headers }),
      body: await readRequestBody(body), control: proxyControlSchema.parse(options.control ?? {}),
    },
  });
  const text = answer.body ? (await readAll(answer.body)).toString("utf8") : "";
  return { status: answer.status, headers: answer.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}
async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return `${error.status}:${error.code}`;
    throw error;
  }
}
const ownToken = async (authenticatorId = id) => (await getConnectionToken({ ctx: sessionCtx(h.owner), input: { authenticatorId } })).access_token;

describe("the proxy", () => {
  it("sends GET with its path and query to the provider's API with the user's token, never the caller's key", async () => {
    const res = await call("GET", "/echo/users/42", { search: "?per_page=5&q=a%20b", headers: { accept: "application/json", "x-custom": "kept", cookie: "fw=1" } });
    expect(res.status).toBe(200);
    const echo = res.json();
    expect(echo).toMatchObject({ method: "GET", path: "/echo/users/42", query: "?per_page=5&q=a%20b", sub: expect.any(String) });
    const seen = upstream.requests[0]!;
    expect(seen.authorization).toBe(`Bearer ${await ownToken()}`);
    expect(JSON.stringify(seen.headers)).not.toContain("fw_live_");
    expect(seen.headers).toMatchObject({ accept: "application/json", "x-custom": "kept" });
    expect(seen.headers.cookie).toBeUndefined();
    // The provider's answer comes back with its headers, minus the cookies it sets for its own host.
    expect(res.headers["fiberwise-proxied"]).toBe("true");
    expect(res.headers["x-upstream"]).toBe("echo");
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("sends POST, PUT, PATCH and DELETE with their bodies", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const payload = JSON.stringify({ method, list: [1, 2, 3], text: "ünïcode ✓" });
      const res = await call(method, `/echo/items/${method.toLowerCase()}`, { body: payload, headers: { "content-type": "application/json" } });
      expect(res.status, method).toBe(200);
      expect(res.json()).toMatchObject({ method, path: `/echo/items/${method.toLowerCase()}`, body: payload, body_bytes: Buffer.byteLength(payload) });
      expect(upstream.requests.at(-1)!.headers["content-type"]).toBe("application/json");
    }
  });

  it("drops hop-by-hop headers, those the Connection header names, and every fiberwise-* header", async () => {
    await call("GET", "/echo/h", {
      headers: { connection: "x-hop", "x-hop": "1", "keep-alive": "timeout=5", "proxy-authorization": "Basic eA==", "fiberwise-anything": "1", "x-forwarded-for": "1.2.3.4" },
      control: { retries: "1" },
    });
    const seen = upstream.requests[0]!.headers;
    for (const name of ["x-hop", "keep-alive", "proxy-authorization", "fiberwise-anything", "fiberwise-retries", "x-forwarded-for"]) expect(seen[name], name).toBeUndefined();
  });

  it("appends the path to an API base that has a path of its own", async () => {
    const res = await call("GET", "/x/y", { authenticator: based, search: "?z=1" });
    expect(res.json()).toMatchObject({ path: "/echo/base/x/y", query: "?z=1" });
  });

  it("refuses traversal, absolute URLs and paths that do not decode, before any request", async () => {
    const attempts = [
      "/..", "/a/../../status/200", "/..%2F..%2Fadmin", "/%2e%2e/x", "/a/%2E%2e/b", "/a/%252e%252e/b", "/a/%25252e%25252e/b", "/a/..%5Cb", "/a\\..\\b",
      "//evil.example/x", "/https:%2F%2Fevil.example/", "/https:/evil.example", "/%00", "/a/%0d%0aHost:%20evil", "/%E0%A4%A", "/a b",
    ];
    for (const path of attempts) expect(await code(call("GET", path, { authenticator: based })), path).toBe("422:invalid_proxy_path");
    expect(upstream.requests).toHaveLength(0);
    // %2F inside a segment is an id some APIs use, not a separator.
    const res = await call("GET", "/projects/group%2Fproject", { authenticator: based });
    expect(res.json()).toMatchObject({ path: "/echo/base/projects/group%2Fproject" });
  });

  it("refreshes once and retries once when the provider answers 401", async () => {
    // The stored token stops working (revoked early by the provider): it answers 401.
    const before = (await h.connection(id))!.grant!;
    const stale = encryptSecret("not-a-token-the-provider-knows", { table: "oauth_token_grants", rowId: before.grantId, field: "access_token" });
    await getPrisma().oAuthTokenGrant.update({ where: { grantId: before.grantId }, data: { accessToken: stale.ciphertext, lastRefreshedAt: new Date(Date.now() - 60_000) } });
    const calls = h.tokenCalls();
    const res = await call("GET", "/echo/after-401");
    expect(res.status).toBe(200);
    expect(res.headers["fiberwise-attempts"]).toBe("2");
    expect(h.tokenCalls() - calls).toBe(1);
    expect(upstream.requests.map((r) => r.path)).toEqual(["/echo/after-401", "/echo/after-401"]);
    expect(upstream.requests[1]!.authorization).toBe(`Bearer ${await ownToken()}`);
    expect(upstream.requests[0]!.authorization).not.toBe(upstream.requests[1]!.authorization);
  });

  it("passes a second 401 through after exactly one refresh and one retry", async () => {
    const grant = (await h.connection(id))!.grant!;
    await getPrisma().oAuthTokenGrant.update({ where: { grantId: grant.grantId }, data: { lastRefreshedAt: new Date(Date.now() - 60_000) } });
    const calls = h.tokenCalls();
    const res = await call("GET", "/always-401");
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ error: "invalid_token" });
    expect(res.headers["www-authenticate"]).toContain("invalid_token");
    expect(h.tokenCalls() - calls).toBe(1);
    expect(upstream.requests).toHaveLength(2);
  });

  it("honours Retry-After when the caller asks for retries, and passes 429 through when it does not", async () => {
    const started = Date.now();
    const retried = await call("GET", "/flaky/ra", { search: "?fail=1&status=429&retry_after=1", control: { retries: "2" } });
    expect(retried.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(upstream.hits("ra")).toBe(2);
    expect(retried.headers["fiberwise-attempts"]).toBe("2");

    const passed = await call("GET", "/flaky/ra2", { search: "?fail=1&status=429&retry_after=1" });
    expect(passed.status).toBe(429);
    expect(passed.headers["retry-after"]).toBe("1");
    expect(upstream.hits("ra2")).toBe(1);

    // A wait longer than the limit is not taken: the provider's 429 is the answer, at once.
    const quick = Date.now();
    const long = await call("GET", "/flaky/ra3", { search: "?fail=1&status=429&retry_after=120", control: { retries: "5" } });
    expect(long.status).toBe(429);
    expect(Date.now() - quick).toBeLessThan(1000);
    expect(upstream.hits("ra3")).toBe(1);
  });

  it("retries 5xx with backoff, stops at the number asked for, and repeats POST only when told it is safe", async () => {
    const ok = await call("GET", "/flaky/s1", { search: "?fail=2&status=503", control: { retries: "2" } });
    expect([ok.status, upstream.hits("s1")]).toEqual([200, 3]);
    const exhausted = await call("GET", "/flaky/s2", { search: "?fail=5&status=502", control: { retries: "1" } });
    expect([exhausted.status, upstream.hits("s2")]).toEqual([502, 2]);
    const post = await call("POST", "/flaky/s3", { search: "?fail=1&status=500", body: "{}", control: { retries: "3" } });
    expect([post.status, upstream.hits("s3")]).toEqual([500, 1]);
    const unsafe = await call("POST", "/flaky/s4", { search: "?fail=1&status=500", body: "{}", control: { retries: "3", retry_unsafe: "true" } });
    expect([unsafe.status, upstream.hits("s4")]).toEqual([200, 2]);
    expect(proxyControlSchema.safeParse({ retries: "6" }).success).toBe(false);
  });

  const download = async (total: number) => {
    const answer = await proxyRequest({
      ctx: key(),
      input: { authenticatorId: id, method: "GET", path: `/bytes/${total}`, search: "", headers: [], body: await readRequestBody(null), control: proxyControlSchema.parse({}) },
    });
    expect(answer.headers["content-length"]).toBe(String(total));
    return answer.body![Symbol.asyncIterator]();
  };

  it("streams a 10 MB download: the proxy's memory does not grow by the body, and every byte arrives", async () => {
    const total = 10 * 1024 * 1024;
    // Memory still referenced, measured after a full collection (garbage chunks would blur it).
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const retained = () => {
      gc();
      return process.memoryUsage().arrayBuffers;
    };
    const iterator = await download(total);
    const before = retained();
    let peak = before;
    let received = 0;
    let nextCheck = 0;
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      received += (value as Buffer).length;
      if (received >= nextCheck) {
        // A slow reader, checked every MiB: the proxy must hold back, not collect the body.
        await new Promise((resolve) => setTimeout(resolve, 20));
        peak = Math.max(peak, retained());
        nextCheck += 1024 * 1024;
      }
    }
    expect(received).toBe(total);
    expect(peak - before).toBeLessThan(2 * 1024 * 1024);
  });

  it("holds the provider back while nobody reads (backpressure), and lets go when the reader leaves", async () => {
    const total = 64 * 1024 * 1024;
    const iterator = await download(total);
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // What left the provider is what the sockets' kernel buffers hold (up to ~10 MiB on loopback
    // here), not the body: a proxy that collected it would have let all 64 MiB through.
    expect(upstream.bytesSent()).toBeLessThan(24 * 1024 * 1024);
    // The reader leaves: the provider's connection is closed, not left to stall with a full buffer.
    await iterator.return?.();
    for (let i = 0; i < 50 && upstream.cutStreams() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upstream.cutStreams()).toBe(1);
    expect(upstream.bytesSent()).toBeLessThan(total);
  });

  it("follows a redirect inside the API base for GET, and hands any other redirect back without following it", async () => {
    const followed = await call("GET", "/redirect", { search: "?to=/echo/landed" });
    expect(followed.json()).toMatchObject({ path: "/echo/landed" });
    const elsewhere = await startLoopbackServer((_req, res) => res.end("stolen"));
    try {
      const away = await call("GET", "/redirect", { search: `?to=${encodeURIComponent(`${elsewhere.url}/collect`)}` });
      expect(away.status).toBe(302);
      expect(away.headers.location).toBe(`${elsewhere.url}/collect`);
      expect(elsewhere.stats.connections).toBe(0);
    } finally {
      await elsewhere.close();
    }
    // Same origin but outside the API base's path: not followed, not rewritten.
    const outside = await call("GET", "/redirect", { authenticator: based, search: "?to=/status/200" });
    expect([outside.status, outside.headers.location]).toEqual([302, "/status/200"]);
    expect(upstream.requests.filter((r) => r.path.startsWith("/status/"))).toHaveLength(0);
    // A Location the URL parser cannot read goes back as it came, unfollowed.
    const broken = await call("GET", "/redirect", { search: `?to=${encodeURIComponent("http://")}` });
    expect([broken.status, broken.headers.location]).toEqual([302, "http://"]);
    // A POST answered with a redirect inside the base is not followed: its Location points back through the proxy.
    const post = await call("POST", "/redirect", { search: "?to=/echo/next%3Fa%3D1&status=302", body: "x" });
    expect(post.status).toBe(302);
    expect(post.headers.location).toBe(`${APP}/api/v1/proxy/${id}/echo/next?a=1`);
  });

  it("answers connection_not_found with a connect_url the agent can hand its user", async () => {
    const backend = key(["proxy", "connect:write"]);
    const notConnected = await call("GET", "/echo", { ctx: backend, control: { end_user_id: "u_never_connected" } }).catch((e: AppError) => e);
    expect(notConnected).toBeInstanceOf(AppError);
    const error = notConnected as AppError;
    expect([error.status, error.code]).toEqual([404, "connection_not_found"]);
    expect(error.extra.connect_url).toMatch(new RegExp(`^${APP}/connect/fw_cs_`));
    const session = await getPrisma().connectSession.findFirst({ where: { appId: h.appId }, orderBy: { createdAt: "desc" } });
    expect(session?.allowedAuthenticators).toEqual([id]);
    // Without connect:write there is no link to give.
    const plain = (await call("GET", "/echo", { control: { end_user_id: "u_never_connected" } }).catch((e: AppError) => e)) as AppError;
    expect([plain.code, plain.extra.connect_url]).toEqual(["connection_not_found", undefined]);
    // A member who has not connected is pointed at the platform's own connect route.
    const member = (await call("GET", "/echo", { ctx: apiKeyCtx(h.member, ["proxy"], h.appId) }).catch((e: AppError) => e)) as AppError;
    expect(member.code).toBe("connection_not_found");
    expect(member.extra.connect_url).toBe(`${APP}/api/v1/oauth/connect/${id}?app_id=${h.appId}`);
    expect(upstream.requests).toHaveLength(0);
  });

  it("acts for an end user who connected through a connect session", async () => {
    const backend = key(["proxy", "connect:write"]);
    const session = await createConnectSession({ ctx: backend, input: createConnectSessionSchema.parse({ end_user: { id: "u_px" }, allowed_authenticators: [id] }) });
    const started = await startEndUserConnection({ ctx: { actor: null, requestId: "t" }, input: { token: session.token, authenticatorId: id, mode: "redirect" } });
    const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/`, login: "end-user-px" });
    const { location } = await completeConnection({ ctx: { actor: null, requestId: "t" }, input: { authenticatorId: id, params: callback.searchParams, userId: null, binding: started.binding } });
    const q = new URL(location, APP).searchParams;
    await finishConnectFlow({ sessionId: q.get("cs")!, mode: q.get("mode"), origin: q.get("origin"), nonce: q.get("nonce"), returnTo: q.get("return_to"), outcome: { authenticatorId: id, status: "success" } });
    const res = await call("GET", "/gmail/v1/users/me/messages", { search: "?maxResults=2", ctx: backend, control: { end_user_id: "u_px" } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ resultSizeEstimate: 2, messages: [{ id: "msg-1", snippet: "Message 1 for end-user-px" }, { id: "msg-2" }] });
    // Acting for an end user needs an owner or developer, as the token endpoint does.
    expect(await code(call("GET", "/echo", { ctx: apiKeyCtx(h.member, ["proxy"], h.appId), control: { end_user_id: "u_px" } }))).toBe("403:insufficient_role");
  });

  it("refuses without the proxy scope, without an API key, and for an authenticator with no API base", async () => {
    expect(await code(call("GET", "/echo", { ctx: key(["tokens:read"]) }))).toBe("403:insufficient_scope");
    expect(await code(call("GET", "/echo", { ctx: sessionCtx(h.owner) }))).toBe("403:api_key_required");
    expect(await code(call("GET", "/echo", { authenticator: bare }))).toBe("409:proxy_not_configured");
    expect(await code(call("GET", "/echo", { authenticator: "no-such-authenticator" }))).toBe("404:authenticator_not_found");
    expect(await code(call("GET", "/echo", { ctx: key(["proxy"], "some-other-app"), control: { app_id: h.appId } }))).toBe("403:app_restricted");
    expect(upstream.requests).toHaveLength(0);
  });

  it("answers provider_unavailable when the provider cannot be reached, and counts the call as failed", async () => {
    const gone = await startLoopbackServer((_req, res) => res.end());
    await gone.close();
    await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: based }, data: { configuration: { api_base_url: gone.url, issuer: h.provider.issuer } } });
    try {
      await flushProxyUsage();
      expect(await code(call("GET", "/x", { authenticator: based }))).toBe("502:provider_unavailable");
      expect(await flushProxyUsage()).toBe(1);
      const event = await getPrisma().oAuthEvent.findFirst({ where: { eventType: "proxy.calls", authenticatorId: based }, orderBy: { id: "desc" } });
      expect(event?.details).toMatchObject({ count: 1, statuses: { failed: 1 } });
    } finally {
      await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: based }, data: { configuration: { api_base_url: `${upstream.url}/echo/base/`, issuer: h.provider.issuer } } });
    }
  });

  it("refuses an API base on an internal address at registration, and at connect time sends nothing", async () => {
    for (const url of ["http://169.254.169.254/latest", "http://10.0.0.7/api", "http://[::ffff:10.0.0.7]/", "http://metadata.google.internal/"]) {
      const refused = await code(registerAuthenticator({
        ctx: sessionCtx(h.owner),
        input: parseRegistrationOrThrow({
          app_id: h.appId, name: "Internal", authenticator_type: "custom", client_id: "c", client_secret: "s",
          authorize_url: `${h.provider.issuer}/auth`, token_url: `${h.provider.issuer}/token`, configuration: { api_base_url: url },
        }),
      }));
      expect(refused, url).toBe("422:invalid_provider_url");
    }
    // Registered while loopback providers were allowed; the policy changes; the proxy refuses before connecting.
    const internal = await startLoopbackServer((_req, res) => res.end("internal"));
    await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: based }, data: { configuration: { api_base_url: `http://localhost:${internal.port}/`, issuer: h.provider.issuer } } });
    const setting = process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    try {
      expect(await code(call("GET", "/x", { authenticator: based }))).toBe("422:invalid_provider_url");
      await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: based }, data: { configuration: { api_base_url: `http://127.0.0.1:${internal.port}/`, issuer: h.provider.issuer } } });
      expect(await code(call("GET", "/x", { authenticator: based }))).toBe("422:invalid_provider_url");
      expect(internal.stats.connections).toBe(0);
    } finally {
      if (setting === undefined) delete process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
      else process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = setting;
      await internal.close();
      await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: based }, data: { configuration: { api_base_url: `${upstream.url}/echo/base/`, issuer: h.provider.issuer } } });
    }
  });

  it("counts calls per authenticator by status class with their latency, for Monitoring", async () => {
    await flushProxyUsage();
    await call("GET", "/echo/1");
    await call("GET", "/status/404");
    await call("GET", "/status/500");
    await call("GET", "/echo/2");
    expect(await flushProxyUsage()).toBe(4);
    const metrics = await getMetrics({ ctx: sessionCtx(h.owner), input: { appId: h.appId } });
    const stat = metrics.proxy.find((p) => p.authenticator_id === id)!;
    expect(stat.calls).toBeGreaterThanOrEqual(4);
    expect(stat.statuses["2xx"]).toBeGreaterThanOrEqual(2);
    expect(stat.statuses["4xx"]).toBeGreaterThanOrEqual(1);
    expect(stat.statuses["5xx"]).toBeGreaterThanOrEqual(1);
    expect(stat.p50_ms).toBeGreaterThan(0);
    expect(stat.p95_ms).toBeGreaterThanOrEqual(stat.p50_ms!);
  });
});

describe("the proxy route", () => {
  it("streams the provider's answer through Next's handler with the caller's key, and answers errors in the envelope", async () => {
    const route = await import("../../../app/api/v1/proxy/[authenticatorId]/[[...proxyPath]]/route");
    const { key: apiKey } = await createApiKey({ ctx: sessionCtx(h.owner), input: { name: "proxy route", scopes: ["proxy"], app_id: h.appId } });
    const params = (proxyPath: string[]) => ({ params: Promise.resolve({ authenticatorId: id, proxyPath }) });
    const res = await route.POST(
      new Request(`${APP}/api/v1/proxy/${id}/echo/r%2Fx?a=1`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "text/plain" }, body: "hello" }),
      params(["echo", "r/x"]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("fiberwise-proxied")).toBe("true");
    expect(await res.json()).toMatchObject({ method: "POST", path: "/echo/r%2Fx", query: "?a=1", body: "hello" });
    expect(upstream.requests[0]!.authorization).not.toContain(apiKey);

    const refused = await route.GET(new Request(`${APP}/api/v1/proxy/${id}/echo`, { headers: { authorization: `Bearer ${apiKey}`, "fiberwise-retries": "many" } }), params(["echo"]));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.code).toBe("validation_error");
    const head = await route.HEAD(new Request(`${APP}/api/v1/proxy/${id}/bytes/1000`, { method: "HEAD", headers: { authorization: `Bearer ${apiKey}` } }), params(["bytes", "1000"]));
    expect([head.status, await head.text()]).toEqual([200, ""]);
  });
});

describe("where the token goes", () => {
  it("in the header the API reads (configuration.api_token_header): Shopify's, bare, with no Authorization and not the caller's", async () => {
    const res = await call("GET", "/echo/admin/shop.json", { authenticator: shop, headers: { "x-shopify-access-token": "shpat_the-callers-own" } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ path: "/echo/admin/shop.json", sub: expect.any(String) });
    const seen = shopLike.requests[0]!;
    expect(seen.headers["x-shopify-access-token"]).toBe(await ownToken(shop));
    expect(seen.authorization).toBeUndefined();
    // This API refuses the same token as Authorization: Bearer, as Shopify does.
    const asBearer = await fetch(`${shopLike.url}/echo`, { headers: { authorization: `Bearer ${await ownToken(shop)}` } });
    expect(asBearer.status).toBe(401);
  });

  it("with a template's own header and defaults: Twitch's Client-Id, Notion's version unless the caller names one", async () => {
    const token = await ownToken();
    const send = async (type: string, headers: Record<string, string> = {}) => {
      const api = providerApi(type, { api_base_url: upstream.url }, "client-twitch-123")!;
      const answer = await forwardUpstream({
        url: new URL(`${upstream.url}/echo/${type}`), api, method: "GET", headers, body: await readRequestBody(null), token, refresh: null, retries: 0, retryUnsafe: false,
      });
      await readAll(answer.body);
      expect(answer.status, type).toBe(200);
      return upstream.requests.at(-1)!.headers;
    };
    expect(await send("twitch")).toMatchObject({ authorization: `Bearer ${token}`, "client-id": "client-twitch-123" });
    expect((await send("notion"))["notion-version"]).toBe("2022-06-28");
    expect((await send("notion", { "notion-version": "2025-09-03" }))["notion-version"]).toBe("2025-09-03");
    expect(providerApi("shopify", { connection_config: { shop: "acme" } }, "c")).toMatchObject({ base: "https://acme.myshopify.com/admin/api", tokenHeader: "x-shopify-access-token" });
    expect(providerApi("shopify", { connection_config: { shop: "acme" } }, "c")!.tokenValue("t")).toBe("t");
    expect(providerApi("github", {}, "c")!.tokenValue("t")).toBe("Bearer t");
    expect(providerApi("custom", { api_base_url: "https://api.example.com", api_token_header: { name: "Authorization", scheme: "token" } }, "c")!.tokenValue("t")).toBe("token t");
  });

  it("refuses an api_token_header the proxy cannot send, at registration", async () => {
    const register = (api_token_header: unknown) =>
      code(Promise.resolve().then(() => parseRegistrationOrThrow({
        name: "x", authenticator_type: "custom", client_id: "c", client_secret: "s", authorize_url: "https://id.example.com/auth", token_url: "https://id.example.com/token",
        configuration: { api_base_url: "https://api.example.com", api_token_header },
      })));
    for (const bad of [{ name: "Cookie" }, { name: "Host" }, { name: "fiberwise-end-user-id" }, { name: "Transfer-Encoding" }, { name: "X Token" }, { name: "X-Token", scheme: "Bearer x" }, { name: "X-Token", value: "sk_live_1" }, "X-Token"]) {
      expect(await register(bad), JSON.stringify(bad)).toBe("422:validation_error");
    }
    expect(await register({ name: "X-Shopify-Access-Token" })).toBe("ok");
    expect(await register({ name: "authorization", scheme: "token" })).toBe("ok");
  });
});
