import { expect, request as newRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { asClient, newAccount, uniqueEmail } from "../fixtures/accounts";
import { agentWorld } from "../fixtures/agents";
import { contractChecker, type OpenApiDocument } from "../fixtures/contract";
import { OIDC_ISSUER } from "../fixtures/env";
import { authorizeAtProvider } from "../fixtures/provider-login";
import { GOOGLE_EXAMPLE } from "../fixtures/spec-examples";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

// The contract test: real requests against the e2e server — successes and the main refusals, with
// real data (accounts, an app with a custom provider on the test authorization server, a provider
// API on loopback, an end user's and a member's connections, a webhook receiver) — and every answer
// validated against GET /api/v1/openapi.json: its status must be documented for its operation and
// its body must match the documented schema (closed objects: an undocumented field fails; error
// codes must be among the operation's codes for that status). The last test fails if an operation
// of the document was never called, or never answered with success, beyond the short lists below.

/** Operations that cannot answer with success, and why. */
const NO_SUCCESS: Record<string, string> = {
  mcpStream: "the MCP server is stateless: GET always answers 405 method_not_allowed",
  mcpEndSession: "the MCP server is stateless: DELETE always answers 405 method_not_allowed",
};
/** Operations the e2e suite cannot call, and why (keep this empty unless a route truly cannot run here). */
const NOT_CALLED: Record<string, string> = {};

const CRON = { authorization: "Bearer e2e-cron-secret" };
const END_USER = "u_contract";
const MCP_ACCEPT = { accept: "application/json, text/event-stream" };

let baseURL = "";
let checker: ReturnType<typeof contractChecker>;
let doc: OpenApiDocument;
let world: Awaited<ReturnType<typeof agentWorld>>;
let owner: Awaited<ReturnType<typeof newAccount>>;
let key: APIRequestContext;
let anonymous: APIRequestContext;
let browser: APIRequestContext;

type Options = { data?: unknown; headers?: Record<string, string>; raw?: string; expect: number; code?: string };

/** One request, checked against the document; `expect` is the status this case is about. */
async function call(api: APIRequestContext, method: string, path: string, options: Options): Promise<APIResponse> {
  const response = await api.fetch(path, {
    method,
    headers: { ...options.headers, ...(options.raw !== undefined ? { "content-type": "application/json" } : {}) },
    data: options.raw !== undefined ? Buffer.from(options.raw) : options.data,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const called = await checker.check(method, new URL(path, baseURL).href, response);
  const body = method === "HEAD" ? "" : await response.text();
  expect(called.problems, `${method} ${path} → ${response.status()} ${body.slice(0, 500)}`).toEqual([]);
  expect(response.status(), `${method} ${path}: ${body.slice(0, 500)}`).toBe(options.expect);
  if (options.code) expect(JSON.parse(body).error.code, `${method} ${path}`).toBe(options.code);
  return response;
}
const json = async <T = Record<string, unknown>>(response: APIResponse) => (await response.json()) as T;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, info) => {
  test.setTimeout(90_000);
  baseURL = info.project.use.baseURL!;
  anonymous = await newRequest.newContext({ baseURL });
  browser = await newRequest.newContext({ baseURL });
  doc = (await (await anonymous.get("/api/v1/openapi.json")).json()) as OpenApiDocument;
  checker = contractChecker(doc);
  world = await agentWorld(baseURL, "contract");
  owner = world.owner;
  key = await newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${world.key}` } });
});
test.afterAll(async () => {
  await world?.close();
  await Promise.all([anonymous?.dispose(), browser?.dispose(), key?.dispose()]);
});

test("the checker refuses an undocumented status, an undocumented field and a code the operation does not list", async () => {
  const fake = (status: number, body: unknown) =>
    ({ status: () => status, headers: () => ({ "content-type": "application/json" }), body: async () => Buffer.from(JSON.stringify(body)) }) as unknown as APIResponse;
  const health = { status: "ok", database: { kind: "postgres", reachable: true, migrations_applied: 1, migrations_pending: 0 } };
  const url = `${baseURL}/api/health`;
  expect((await checker.check("GET", url, fake(200, health))).problems).toEqual([]);
  expect((await checker.check("GET", url, fake(200, { ...health, extra: 1 }))).problems.join()).toContain("extra");
  expect((await checker.check("GET", url, fake(418, health))).problems.join()).toContain("does not list");
  const me = `${baseURL}/api/v1/me`;
  expect((await checker.check("GET", me, fake(401, { error: { code: "unauthorized", message: "x" } }))).problems).toEqual([]);
  expect((await checker.check("GET", me, fake(401, { error: { code: "email_taken", message: "x" } }))).problems.join()).toContain("allowed values");
  checker.calls.splice(0); // the fakes do not count as calls
});

test("operations: health, this document, cron", async () => {
  await call(anonymous, "GET", "/api/health", { expect: 200 });
  await call(anonymous, "GET", "/api/v1/openapi.json", { expect: 200 });
  for (const method of ["POST", "GET"]) {
    await call(anonymous, method, "/api/cron/refresh-tokens", { headers: CRON, expect: 200 });
    await call(anonymous, method, "/api/cron/deliver-webhooks", { headers: CRON, expect: 200 });
  }
  await call(anonymous, "POST", "/api/cron/refresh-tokens", { headers: { authorization: "Bearer wrong", ...asClient() }, expect: 401, code: "invalid_cron_secret" });
  await call(anonymous, "GET", "/api/cron/deliver-webhooks", { headers: asClient(), expect: 401, code: "invalid_cron_secret" });
});

test("account: sign-up and who am I", async () => {
  const email = uniqueEmail("contract-signup");
  await call(anonymous, "POST", "/api/v1/auth/signup", { data: { email, password: "a perfectly long passphrase" }, headers: asClient(), expect: 201 });
  await call(anonymous, "POST", "/api/v1/auth/signup", { data: { email, password: "a perfectly long passphrase" }, headers: asClient(), expect: 409, code: "email_taken" });
  await call(anonymous, "POST", "/api/v1/auth/signup", { data: { email: "nope", password: "short" }, headers: asClient(), expect: 422, code: "validation_error" });
  await call(anonymous, "POST", "/api/v1/auth/signup", { raw: "{not json", headers: asClient(), expect: 400, code: "invalid_json" });
  const me = await json(await call(key, "GET", "/api/v1/me", { expect: 200 }));
  expect(me).toMatchObject({ via: "api_key", app_id: world.appId });
  await call(owner.api, "GET", "/api/v1/me", { expect: 200 });
  await call(anonymous, "GET", "/api/v1/me", { expect: 401, code: "unauthorized" });
  await call(anonymous, "GET", "/api/v1/me", { headers: { authorization: "Bearer fw_live_nope", ...asClient() }, expect: 401, code: "invalid_api_key" });
});

test("apps, members and API keys", async () => {
  await call(owner.api, "GET", "/api/v1/apps", { expect: 200 });
  const created = await json<{ app_id: string }>(await call(owner.api, "POST", "/api/v1/apps", { data: { name: "Contract scratch" }, expect: 201 }));
  const app = created.app_id;
  await call(owner.api, "POST", "/api/v1/apps", { data: { name: "Again", app_id: app }, expect: 409, code: "app_id_taken" });
  await call(key, "POST", "/api/v1/apps", { data: { name: "By key" }, expect: 403, code: "session_required" });
  await call(owner.api, "GET", `/api/v1/apps/${app}`, { expect: 200 });
  await call(owner.api, "GET", "/api/v1/apps/no-such-app", { expect: 404, code: "app_not_found" });
  await call(owner.api, "PATCH", `/api/v1/apps/${app}`, { data: { name: "Contract scratch 2", description: "for the contract test" }, expect: 200 });
  await call(owner.api, "PATCH", `/api/v1/apps/${app}`, { data: { name: "" }, expect: 422, code: "validation_error" });

  const teammate = await newAccount(baseURL, "contract-mate");
  await call(owner.api, "GET", `/api/v1/apps/${app}/members`, { expect: 200 });
  await call(owner.api, "POST", `/api/v1/apps/${app}/members`, { data: { email: teammate.email, role: "developer" }, expect: 201 });
  await call(owner.api, "POST", `/api/v1/apps/${app}/members`, { data: { email: teammate.email }, expect: 409, code: "already_member" });
  await call(owner.api, "POST", `/api/v1/apps/${app}/members`, { data: { email: uniqueEmail("nobody") }, expect: 404, code: "user_not_found" });
  await call(owner.api, "PATCH", `/api/v1/apps/${app}/members/${teammate.user.id}`, { data: { role: "member" }, expect: 200 });
  await call(owner.api, "PATCH", `/api/v1/apps/${app}/members/${owner.user.id}`, { data: { role: "member" }, expect: 409, code: "last_owner" });
  await call(owner.api, "PATCH", `/api/v1/apps/${app}/members/99999999999`, { data: { role: "member" }, expect: 422, code: "validation_error" });
  await call(teammate.api, "PATCH", `/api/v1/apps/${app}`, { data: { name: "Mine" }, expect: 403, code: "insufficient_role" });
  await call(owner.api, "DELETE", `/api/v1/apps/${app}/members/${teammate.user.id}`, { expect: 204 });
  await call(owner.api, "DELETE", `/api/v1/apps/${app}/members/${teammate.user.id}`, { expect: 404, code: "member_not_found" });
  await teammate.api.dispose();

  await call(owner.api, "GET", "/api/v1/api-keys", { expect: 200 });
  await call(key, "GET", "/api/v1/api-keys", { expect: 403, code: "session_required" });
  const minted = await json<{ id: string }>(await call(owner.api, "POST", "/api/v1/api-keys", { data: { name: "contract", app_id: app, scopes: ["authenticators:read"] }, expect: 201 }));
  await call(owner.api, "POST", "/api/v1/api-keys", { data: { name: "contract", scopes: ["everything"] }, expect: 422, code: "validation_error" });
  await call(owner.api, "DELETE", `/api/v1/api-keys/${minted.id}`, { expect: 200 });
  await call(owner.api, "DELETE", "/api/v1/api-keys/00000000-0000-4000-8000-000000000000", { expect: 404, code: "api_key_not_found" });

  await call(owner.api, "DELETE", `/api/v1/apps/${app}`, { expect: 422, code: "confirmation_required" });
  await call(owner.api, "DELETE", `/api/v1/apps/${app}?confirm=${app}`, { expect: 204 });
});

test("authenticators and discovery", async () => {
  const list = `/api/v1/oauth/authenticators?app_id=${world.appId}`;
  await call(key, "GET", list, { expect: 200 });
  await call(owner.api, "GET", "/api/v1/oauth/authenticators", { expect: 422, code: "app_id_required" });
  await call(key, "GET", "/api/v1/oauth/authenticators?include_disabled=maybe", { expect: 422, code: "validation_error" });
  // The spec's Google example (without its redirect URI, whose id another spec may hold).
  const { redirect_uri: _, ...example } = JSON.parse(GOOGLE_EXAMPLE) as Record<string, unknown>;
  const google = await json<{ authenticator_id: string }>(await call(key, "POST", "/api/v1/oauth/authenticators", { data: { ...example, app_id: world.appId }, expect: 201 }));
  await call(key, "POST", "/api/v1/oauth/authenticators", { data: { ...example, app_id: world.appId }, expect: 409, code: "authenticator_exists" });
  await call(key, "POST", "/api/v1/oauth/authenticators", { data: { authenticator_type: "google" }, expect: 422, code: "missing_required_fields" });
  await call(key, "POST", "/api/v1/oauth/authenticators", { data: { name: "X", authenticator_type: "nope", client_id: "a", client_secret: "b" }, expect: 422, code: "unknown_authenticator_type" });
  const path = `/api/v1/oauth/authenticators/${google.authenticator_id}`;
  await call(key, "GET", path, { expect: 200 });
  await call(key, "GET", "/api/v1/oauth/authenticators/no-such-one", { expect: 404, code: "authenticator_not_found" });
  await call(key, "PATCH", path, { data: { client_secret: "GOCSPX-rotated-secret-0123", scopes: ["openid", "email"] }, expect: 200 });
  await call(key, "PATCH", path, { data: { is_active: "yes" }, expect: 422, code: "validation_error" });
  await call(key, "DELETE", path, { expect: 204 });

  await call(key, "POST", "/api/v1/oauth/discovery", { data: { issuer: OIDC_ISSUER }, expect: 200 });
  await call(key, "POST", "/api/v1/oauth/discovery", { data: { issuer: "http://169.254.169.254" }, expect: 422, code: "invalid_provider_url" });
  await call(key, "POST", "/api/v1/oauth/discovery", { data: { issuer: `${OIDC_ISSUER}/tenant-a` }, expect: 502, code: "discovery_failed" });

  const limited = await json<{ key: string }>(await owner.api.post("/api/v1/api-keys", { data: { name: "read only", app_id: world.appId, scopes: ["authenticators:read"] } }));
  const readOnly = await newRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${limited.key}` } });
  await call(readOnly, "POST", "/api/v1/oauth/authenticators", { data: { name: "X" }, expect: 403, code: "insufficient_scope" });
  await readOnly.dispose();

});

test("a member connects, gets a token and disconnects", async () => {
  const id = world.authenticatorId;
  await call(anonymous, "GET", `/api/v1/oauth/connect/${id}`, { expect: 303 });
  await call(owner.api, "GET", "/api/v1/oauth/connect/no-such-one", { expect: 404, code: "authenticator_not_found" });
  const start = await call(owner.api, "GET", `/api/v1/oauth/connect/${id}?return_to=/apps`, { expect: 303 });
  const callback = await authorizeAtProvider(start.headers()["location"]!, { redirectPrefix: `${baseURL}/auth/callback/` });
  const done = await call(owner.api, "GET", callback.pathname + callback.search, { expect: 303 });
  expect(new URL(done.headers()["location"]!).pathname).toBe("/apps");
  await call(browser, "GET", `/auth/callback/${id}?state=forged&code=x`, { expect: 303 });

  await call(owner.api, "GET", `/api/v1/credentials/connections?app_id=${world.appId}`, { expect: 200 });
  await call(key, "GET", `/api/v1/credentials/connections/${id}/token`, { expect: 200 });
  await call(key, "GET", `/api/v1/credentials/connections/${id}/token?force_refresh=true`, { expect: 200 });
  await call(key, "GET", `/api/v1/credentials/connections/${id}/token?end_user_id=nobody-here`, { expect: 404, code: "connection_not_found" });
  await call(key, "GET", `/api/v1/credentials/connections/${id}/token?user_id=1&end_user_id=x`, { expect: 422, code: "validation_error" });
  await call(key, "DELETE", `/api/v1/credentials/connections/${id}`, { expect: 204 });
  await call(key, "DELETE", `/api/v1/credentials/connections/${id}`, { expect: 404, code: "connection_not_found" });
});

test("an end user connects through a connect session; the app lists, reads and deletes them", async () => {
  const id = world.authenticatorId;
  const origin = "http://127.0.0.1:9";
  await call(key, "POST", "/api/v1/connect/sessions", { data: { end_user: { id: END_USER }, allowed_authenticators: ["no-such-one"] }, expect: 422, code: "unknown_authenticator" });
  const session = await json<{ token: string }>(
    await call(key, "POST", "/api/v1/connect/sessions", { data: { end_user: { id: END_USER, email: "end@example.com" }, allowed_authenticators: [id], allowed_origins: [origin] }, expect: 201 }),
  );
  const start = await call(browser, "GET", `/connect/${session.token}/start/${id}`, { expect: 303 });
  const callback = await authorizeAtProvider(start.headers()["location"]!, { redirectPrefix: `${baseURL}/auth/callback/`, login: END_USER });
  const done = await call(browser, "GET", callback.pathname + callback.search, { expect: 303 });
  const complete = new URL(done.headers()["location"]!);
  expect(complete.pathname).toBe("/connect/complete");
  await call(browser, "GET", complete.pathname + complete.search, { expect: 200 });
  await call(browser, "GET", "/connect/complete?cs=not-a-session", { expect: 400 });
  await call(browser, "GET", `/connect/fw_cs_unknown/start/${id}`, { expect: 303 });

  // The app's frontend, with the session token, cross-origin.
  const page = { authorization: `Bearer ${session.token}`, origin };
  await call(anonymous, "GET", "/api/v1/connect/session", { headers: page, expect: 200 });
  await call(anonymous, "GET", "/api/v1/credentials/connections", { headers: page, expect: 200 });
  await call(anonymous, "GET", "/api/v1/credentials/connections", { headers: { authorization: "Bearer fw_cs_nope", ...asClient() }, expect: 401, code: "invalid_connect_session" });
  await call(anonymous, "GET", "/api/v1/connect/session", { headers: { ...page, origin: "https://elsewhere.example" }, expect: 403, code: "origin_not_allowed" });
  await call(key, "GET", "/api/v1/connect/session", { expect: 403, code: "connect_session_required" });
  await call(anonymous, "GET", "/api/v1/me", { headers: page, expect: 403, code: "connect_session_not_allowed" });
  for (const path of ["/api/v1/connect/session", "/api/v1/credentials/connections", `/api/v1/credentials/connections/${id}`]) {
    const preflight = await call(anonymous, "OPTIONS", path, { headers: { origin, "access-control-request-method": "GET" }, expect: 204 });
    expect(preflight.headers()["access-control-allow-origin"]).toBe(origin);
  }

  await call(key, "GET", `/api/v1/credentials/connections?end_user_id=${END_USER}`, { expect: 200 });
  await call(key, "GET", `/api/v1/credentials/connections/${id}/token?end_user_id=${END_USER}`, { expect: 200 });
  await call(key, "GET", "/api/v1/end-users?q=u_contract&limit=5", { expect: 200 });
  await call(key, "GET", "/api/v1/end-users?cursor=garbage", { expect: 422, code: "invalid_cursor" });
});

test("agents: the proxy, every method, and the MCP server", async () => {
  const base = `/api/v1/proxy/${world.authenticatorId}`;
  const asEndUser = { "fiberwise-end-user-id": END_USER };
  const listed = await call(key, "GET", `${base}/gmail/v1/users/me/messages?maxResults=2`, { headers: asEndUser, expect: 200 });
  expect(listed.headers()["fiberwise-proxied"]).toBe("true");
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    await call(key, method, `${base}/echo/things/1`, { headers: asEndUser, data: { method }, expect: 200 });
  }
  await call(key, "HEAD", `${base}/echo/head`, { headers: asEndUser, expect: 200 });
  await call(key, "OPTIONS", `${base}/echo/options`, { headers: asEndUser, expect: 200 });
  await call(key, "GET", `${base}/status/418`, { headers: asEndUser, expect: 418 });
  const missing = await call(key, "GET", `${base}/echo/x`, { headers: { "fiberwise-end-user-id": "nobody-here" }, expect: 404, code: "connection_not_found" });
  expect((await json<{ error: { connect_url?: string } }>(missing)).error.connect_url).toContain("/connect/fw_cs_");
  await call(key, "GET", `${base}/echo/x`, { headers: { ...asEndUser, "fiberwise-retries": "9" }, expect: 422, code: "validation_error" });
  await call(owner.api, "GET", `${base}/echo/x`, { headers: asEndUser, expect: 403, code: "api_key_required" });
  await call(key, "POST", "/api/v1/proxy/no-such-one/echo", { headers: asEndUser, data: {}, expect: 404, code: "connection_not_found" });

  const mcp = "/api/v1/mcp";
  const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "contract", version: "1" } } };
  await call(key, "POST", mcp, { headers: MCP_ACCEPT, data: initialize, expect: 200 });
  const tools = await json<{ result: { tools: Array<{ name: string }> } }>(await call(key, "POST", mcp, { headers: MCP_ACCEPT, data: { jsonrpc: "2.0", id: 2, method: "tools/list" }, expect: 200 }));
  expect(tools.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["list_connections", "call_api"]));
  const toolCall = { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "call_api", arguments: { authenticator_id: world.authenticatorId, path: "/gmail/v1/users/me/messages" } } };
  await call(key, "POST", mcp, { headers: { ...MCP_ACCEPT, ...asEndUser }, data: toolCall, expect: 200 });
  await call(key, "POST", mcp, { headers: MCP_ACCEPT, data: { jsonrpc: "2.0", method: "notifications/initialized" }, expect: 202 });
  await call(key, "POST", mcp, { headers: { accept: "text/plain" }, data: initialize, expect: 406, code: "not_acceptable" });
  await call(owner.api, "POST", mcp, { headers: MCP_ACCEPT, data: initialize, expect: 403, code: "api_key_required" });
  await call(key, "GET", mcp, { headers: MCP_ACCEPT, expect: 405, code: "method_not_allowed" });
  await call(key, "DELETE", mcp, { expect: 405, code: "method_not_allowed" });
});

test("webhooks: add, read, change, test, redeliver, rotate, the delivery log, remove", async () => {
  const receiver = await startWebhookReceiver();
  try {
    await call(key, "POST", "/api/v1/webhooks", { data: { url: "ftp://example.com/hook" }, expect: 422, code: "invalid_webhook_url" });
    const created = await json<{ id: string }>(await call(key, "POST", "/api/v1/webhooks", { data: { url: `${receiver.url}/hook`, events: ["connection.created"] }, expect: 201 }));
    const path = `/api/v1/webhooks/${created.id}`;
    await call(key, "GET", "/api/v1/webhooks", { expect: 200 });
    await call(key, "GET", path, { expect: 200 });
    await call(key, "GET", "/api/v1/webhooks/wh_00000000000000000000000000000000", { expect: 404, code: "webhook_not_found" });
    await call(key, "PATCH", path, { data: { description: "contract", events: ["connection.created", "connection.deleted"] }, expect: 200 });
    await call(key, "PATCH", path, { data: {}, expect: 422, code: "validation_error" });
    const sent = await json<{ event_id: string }>(await call(key, "POST", `${path}/test`, { expect: 202 }));
    await receiver.waitFor(sent.event_id);
    await call(key, "POST", `${path}/redeliver`, { data: { event_id: sent.event_id }, expect: 202 });
    await call(key, "POST", `${path}/redeliver`, { data: { event_id: "msg_00000000000000000000000000000000" }, expect: 404, code: "webhook_event_not_found" });
    await call(key, "GET", `${path}/deliveries?limit=5`, { expect: 200 });
    await call(key, "GET", `${path}/deliveries?cursor=garbage`, { expect: 422, code: "invalid_cursor" });
    await call(key, "POST", `${path}/rotate-secret`, { expect: 200 });
    await call(key, "PATCH", path, { data: { enabled: false }, expect: 200 });
    await call(key, "POST", `${path}/test`, { expect: 409, code: "webhook_disabled" });
    await call(key, "DELETE", path, { expect: 204 });
  } finally {
    await receiver.close();
  }
});

test("monitoring, and removing an end user", async () => {
  await call(key, "GET", "/api/v1/events?limit=20", { expect: 200 });
  await call(owner.api, "GET", "/api/v1/events", { expect: 422, code: "app_id_required" });
  await call(key, "GET", "/api/v1/metrics?days=7", { expect: 200 });
  await call(key, "GET", "/api/v1/metrics?days=1000", { expect: 422, code: "validation_error" });
  await call(key, "DELETE", `/api/v1/end-users/${END_USER}`, { expect: 204 });
  await call(key, "DELETE", `/api/v1/end-users/${END_USER}`, { expect: 404, code: "end_user_not_found" });
});

test("provider templates", async () => {
  await call(anonymous, "GET", "/api/v1/oauth/templates?tier=first-class", { expect: 200 });
  await call(anonymous, "GET", "/api/v1/oauth/templates?q=shop", { expect: 200 });
  await call(anonymous, "GET", "/api/v1/oauth/templates?tier=gold", { expect: 422, code: "validation_error" });
  await call(anonymous, "GET", "/api/v1/oauth/templates/google", { expect: 200 });
  await call(anonymous, "GET", "/api/v1/oauth/templates/slack", { expect: 200 });
  await call(anonymous, "GET", "/api/v1/oauth/templates/nope", { expect: 404, code: "template_not_found" });
});

/** A value for each path parameter of the document (a refused method is refused before the parameters are read; these are well-formed anyway). */
const SAMPLE_PARAMS: Record<string, string> = {
  app_id: "inbox-zero", authenticator_id: "google", key_id: "6f1c1b9e-8d7a-4c55-9d2f-1e0b7a3c5d10", user_id: "42",
  end_user_id: "u_405", webhook_id: `wh_${"0".repeat(32)}`, type: "google", path: "v1/things", token: `fw_cs_${"x".repeat(43)}`,
};
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

test("a method a path does not document answers 405 method_not_allowed in the envelope, with Allow naming the documented ones", async () => {
  let refused = 0;
  for (const [template, item] of Object.entries(doc.paths)) {
    // What Allow names: the documented methods, but not those documented as always refused (MCP's GET and DELETE).
    const answered = new Set(Object.entries(item).filter(([, op]) => !(op.operationId in NO_SUCCESS)).map(([m]) => m.toUpperCase()));
    if (answered.has("GET")) answered.add("HEAD");
    answered.add("OPTIONS");
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      expect(SAMPLE_PARAMS, `a sample value for {${name}}`).toHaveProperty(name);
      return SAMPLE_PARAMS[name]!;
    });
    for (const method of METHODS.filter((m) => !(m.toLowerCase() in item))) {
      const response = await anonymous.fetch(path, { method, headers: asClient(), failOnStatusCode: false, maxRedirects: 0 });
      const body = await response.text();
      expect(response.status(), `${method} ${path}: ${body.slice(0, 300)}`).toBe(405);
      expect(JSON.parse(body).error.code, `${method} ${path}`).toBe("method_not_allowed");
      expect(new Set(response.headers()["allow"]?.split(", ")), `Allow of ${path}`).toEqual(answered);
      refused += 1;
    }
    if (!("options" in item)) {
      const options = await anonymous.fetch(path, { method: "OPTIONS", failOnStatusCode: false });
      expect(options.status(), `OPTIONS ${path}`).toBe(204);
      expect(new Set(options.headers()["allow"]?.split(", ")), `Allow of ${path} (OPTIONS)`).toEqual(answered);
    }
  }
  expect(refused).toBeGreaterThan(80);
  console.log(`contract: ${refused} undocumented methods answered 405 in the envelope`);
});

test("every operation of the document was called, and answered with success", () => {
  const answered = new Map<string, number[]>();
  for (const c of checker.calls) answered.set(c.operationId, [...(answered.get(c.operationId) ?? []), c.status]);
  const operations = checker.operations();
  const neverCalled = operations.filter((op) => !answered.has(op) && !(op in NOT_CALLED));
  expect(neverCalled, "operations the contract test never called (call them, or add them to NOT_CALLED with a reason)").toEqual([]);
  const neverSucceeded = operations.filter((op) => answered.has(op) && !(op in NO_SUCCESS) && !answered.get(op)!.some((s) => s < 400));
  expect(neverSucceeded, "operations never answered with success").toEqual([]);
  // The lists only name operations that exist.
  for (const op of [...Object.keys(NO_SUCCESS), ...Object.keys(NOT_CALLED)]) expect(operations).toContain(op);
  console.log(`contract: ${checker.calls.length} answers validated across ${answered.size} of ${operations.length} operations`);
});
