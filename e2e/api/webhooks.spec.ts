import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { asClient, bearer, newAccount, PASSWORD, uniqueEmail } from "../fixtures/accounts";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

// Webhook endpoints over HTTP against the production server, whose own workers deliver to a
// receiver on loopback: CRUD, the secret shown only twice, URL policy, roles and scopes, and
// Standard Webhooks signatures that verify (with both secrets during a rotation's overlap).

let baseURL = "";
let appId = "";
let owner: Awaited<ReturnType<typeof newAccount>>;
let member: Awaited<ReturnType<typeof newAccount>>;
let api: APIRequestContext;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

type Hook = { id: string; url: string; events: string[]; enabled: boolean; secret?: string; secret_hint: string; previous_secret_expires_at: string | null };

test.beforeAll(async ({ request }, info) => {
  baseURL = info.project.use.baseURL!;
  // The platform's first account is its admin (an owner of every app): take that seat first.
  await request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("first"), password: PASSWORD }, headers: asClient() });
  owner = await newAccount(baseURL, "hooks-owner");
  member = await newAccount(baseURL, "hooks-member");
  appId = (await (await owner.api.post("/api/v1/apps", { data: { name: "Webhooks e2e" } })).json()).app_id;
  expect((await owner.api.post(`/api/v1/apps/${appId}/members`, { data: { email: member.email, role: "member" } })).status()).toBe(201);
  const key = (await (await owner.api.post("/api/v1/api-keys", { data: { name: "hooks", app_id: appId, scopes: ["webhooks:read", "webhooks:write"] } })).json()).key;
  api = await bearer(baseURL, key);
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
  await api?.dispose();
});

const errorOf = async (response: APIResponse) => ({ status: response.status(), code: (await response.json()).error?.code });
const list = async () => ((await (await api.get(`/api/v1/webhooks?app_id=${appId}`)).json()).data as Hook[]);
async function create(data: Record<string, unknown>): Promise<Hook> {
  const response = await api.post("/api/v1/webhooks", { data });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

test("create, read, list, update and delete; the secret appears only in the create answer", async () => {
  const created = await create({ url: `${receiver.url}/crud`, events: ["connection.created", "webhook.test"], description: "CRM" });
  expect(created).toMatchObject({ app_id: appId, url: `${receiver.url}/crud`, events: ["connection.created", "webhook.test"], enabled: true, description: "CRM", disabled_reason: null });
  expect(created.id).toMatch(/^wh_[0-9a-f]{32}$/);
  expect(created.secret).toMatch(/^whsec_/);
  expect(created.secret_hint).toBe(created.secret!.slice(-4));

  const one = await (await api.get(`/api/v1/webhooks/${created.id}`)).json();
  const all = await list();
  expect(one).toMatchObject({ id: created.id, secret_hint: created.secret_hint });
  expect(one).not.toHaveProperty("secret");
  expect(all.map((h) => h.id)).toContain(created.id);
  expect(JSON.stringify([one, all])).not.toContain(created.secret);

  const patched = await api.patch(`/api/v1/webhooks/${created.id}`, { data: { events: [], description: null, enabled: false } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ events: [], description: null, enabled: false });
  expect(JSON.stringify(await patched.json())).not.toContain(created.secret);
  expect(await errorOf(await api.post(`/api/v1/webhooks/${created.id}/test`))).toEqual({ status: 409, code: "webhook_disabled" });
  expect((await (await api.patch(`/api/v1/webhooks/${created.id}`, { data: { enabled: true } })).json()).enabled).toBe(true);

  expect((await api.delete(`/api/v1/webhooks/${created.id}`)).status()).toBe(204);
  expect(await errorOf(await api.get(`/api/v1/webhooks/${created.id}`))).toEqual({ status: 404, code: "webhook_not_found" });
  expect((await list()).map((h) => h.id)).not.toContain(created.id);
});

test("refused URLs, unknown event types and bad input are 4xx with stable codes, and nothing is stored", async () => {
  const before = await list();
  const cases: Array<[Record<string, unknown>, number, string]> = [
    [{ url: "https://example.com/hook", events: ["connection.exploded"] }, 422, "validation_error"],
    [{ url: "http://169.254.169.254/latest/meta-data/" }, 422, "invalid_webhook_url"],
    [{ url: "https://10.0.0.1/hook" }, 422, "invalid_webhook_url"],
    [{ url: "http://192.168.1.1" }, 422, "invalid_webhook_url"],
    [{ url: "https://user:secret@example.com/hook" }, 422, "invalid_webhook_url"],
    [{ url: "http://example.com/hook" }, 422, "invalid_webhook_url"],
    [{ url: "https://example.com/a\u0000b" }, 422, "invalid_characters"],
    [{ url: `https://example.com/${"a".repeat(5000)}` }, 422, "validation_error"],
    [{ url: "https://example.com/hook", description: "x".repeat(100_000) }, 422, "validation_error"],
    [{ url: "https://example.com/hook", secret: "whsec_mine" }, 422, "validation_error"],
    [{ url: "https://example.com/hook", app_id: "another-app" }, 403, "app_restricted"],
  ];
  for (const [data, status, code] of cases) {
    expect(await errorOf(await api.post("/api/v1/webhooks", { data })), JSON.stringify(data).slice(0, 80)).toEqual({ status, code });
  }
  const hook = await create({ url: `${receiver.url}/bad-input` });
  const paths: Array<[string, string, number, string, unknown?]> = [
    ["GET", "/api/v1/webhooks/wh_nope", 404, "webhook_not_found"],
    ["GET", `/api/v1/webhooks/wh_${"0".repeat(32)}`, 404, "webhook_not_found"],
    ["DELETE", `/api/v1/webhooks/wh_${"a".repeat(32)}%00`, 404, "webhook_not_found"],
    ["GET", `/api/v1/webhooks/${hook.id}/deliveries?cursor=nope`, 422, "invalid_cursor"],
    ["GET", `/api/v1/webhooks/${hook.id}/deliveries?limit=100000`, 422, "validation_error"],
    ["GET", `/api/v1/webhooks/${hook.id}/deliveries?status=lost`, 422, "validation_error"],
    ["GET", `/api/v1/webhooks/${hook.id}/deliveries?cursor=%00`, 422, "invalid_characters"],
    ["POST", `/api/v1/webhooks/${hook.id}/redeliver`, 422, "validation_error", { event_id: "msg_1" }],
    ["POST", `/api/v1/webhooks/${hook.id}/redeliver`, 404, "webhook_event_not_found", { event_id: `msg_${"0".repeat(32)}` }],
    ["PATCH", `/api/v1/webhooks/${hook.id}`, 422, "validation_error", {}],
    ["PATCH", `/api/v1/webhooks/${hook.id}`, 422, "invalid_webhook_url", { url: "https://169.254.169.254/" }],
  ];
  for (const [method, path, status, code, data] of paths) {
    expect(await errorOf(await api.fetch(path, { method, ...(data === undefined ? {} : { data }) })), `${method} ${path}`).toEqual({ status, code });
  }
  expect((await list()).map((h) => h.id).sort()).toEqual([...before.map((h) => h.id), hook.id].sort());
  expect((await (await api.get(`/api/v1/webhooks/${hook.id}`)).json()).url).toBe(`${receiver.url}/bad-input`);
});

test("members, outsiders and keys without webhooks:write are refused", async () => {
  const hook = await create({ url: `${receiver.url}/roles` });
  expect(await errorOf(await member.api.get(`/api/v1/webhooks?app_id=${appId}`))).toEqual({ status: 403, code: "insufficient_role" });
  expect(await errorOf(await member.api.post("/api/v1/webhooks", { data: { app_id: appId, url: `${receiver.url}/m` } }))).toEqual({ status: 403, code: "insufficient_role" });
  expect(await errorOf(await member.api.delete(`/api/v1/webhooks/${hook.id}`))).toEqual({ status: 403, code: "insufficient_role" });
  const stranger = await newAccount(baseURL, "hooks-stranger");
  expect(await errorOf(await stranger.api.get(`/api/v1/webhooks/${hook.id}`))).toEqual({ status: 404, code: "webhook_not_found" });
  expect(await errorOf(await stranger.api.get(`/api/v1/webhooks?app_id=${appId}`))).toEqual({ status: 404, code: "app_not_found" });

  const readOnly = await bearer(baseURL, (await (await owner.api.post("/api/v1/api-keys", { data: { name: "ro", scopes: ["webhooks:read"] } })).json()).key);
  expect((await readOnly.get(`/api/v1/webhooks?app_id=${appId}`)).status()).toBe(200);
  for (const [method, path] of [["POST", "/api/v1/webhooks"], ["PATCH", `/api/v1/webhooks/${hook.id}`], ["DELETE", `/api/v1/webhooks/${hook.id}`], ["POST", `/api/v1/webhooks/${hook.id}/test`], ["POST", `/api/v1/webhooks/${hook.id}/rotate-secret`]]) {
    expect(await errorOf(await readOnly.fetch(path!, { method, data: { app_id: appId, url: `${receiver.url}/ro`, enabled: false } })), `${method} ${path}`).toEqual({ status: 403, code: "insufficient_scope" });
  }
  const noScope = await bearer(baseURL, (await (await owner.api.post("/api/v1/api-keys", { data: { name: "none", scopes: ["connections:read"] } })).json()).key);
  expect(await errorOf(await noScope.get(`/api/v1/webhooks?app_id=${appId}`))).toEqual({ status: 403, code: "insufficient_scope" });
  // A session from another site cannot change anything either.
  expect(await errorOf(await owner.api.delete(`/api/v1/webhooks/${hook.id}`, { headers: { origin: "https://evil.example" } }))).toEqual({ status: 403, code: "cross_origin_refused" });
  expect((await (await api.get(`/api/v1/webhooks/${hook.id}`)).json()).enabled).toBe(true);
  await Promise.all([readOnly.dispose(), noScope.dispose(), stranger.api.dispose()]);
});

test("a test event arrives signed, verifies with the secret, and shows in the delivery log with its attempt", async () => {
  const hook = await create({ url: `${receiver.url}/signed` });
  const sent = await api.post(`/api/v1/webhooks/${hook.id}/test`);
  expect(sent.status()).toBe(202);
  const { event_id: eventId } = await sent.json();
  expect(eventId).toMatch(/^msg_[0-9a-f]{32}$/);
  const delivery = await receiver.waitFor(eventId);
  expect(delivery.path).toBe("/signed");
  expect(delivery.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
  expect(delivery.headers["webhook-signature"]).toMatch(/^v1,\S+$/);
  const payload = new Webhook(hook.secret!).verify(delivery.body, delivery.headers) as Record<string, unknown>;
  expect(payload).toMatchObject({ type: "webhook.test", id: eventId, data: { webhook_id: hook.id, app_id: appId, message: "Test event from FiberWise" } });
  expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(delivery.body, delivery.headers)).toThrow();

  await expect.poll(async () => (await (await api.get(`/api/v1/webhooks/${hook.id}/deliveries`)).json()).data[0]?.status, { timeout: 10_000 }).toBe("delivered");
  const log = await (await api.get(`/api/v1/webhooks/${hook.id}/deliveries?event_type=webhook.test&status=delivered`)).json();
  expect(log.data[0]).toMatchObject({ event_id: eventId, event_type: "webhook.test", attempts: 1, last_status: 200, payload: { id: eventId, type: "webhook.test" } });
  expect(log.data[0].attempt_log[0]).toMatchObject({ attempt: 1, response_status: 200, response_excerpt: "ok, got it", error: null });
  expect(log.data[0].attempt_log[0].duration_ms).toBeGreaterThanOrEqual(0);
  expect(JSON.stringify(log)).not.toContain(hook.secret);
  expect(JSON.stringify(log)).not.toContain("whsec_");

  const again = await api.post(`/api/v1/webhooks/${hook.id}/redeliver`, { data: { event_id: eventId } });
  expect(again.status()).toBe(202);
  const redelivered = await receiver.waitFor(eventId, 2);
  new Webhook(hook.secret!).verify(redelivered.body, redelivered.headers);
  await expect.poll(async () => (await (await api.get(`/api/v1/webhooks/${hook.id}/deliveries`)).json()).data[0]?.attempt_log.length, { timeout: 10_000 }).toBe(2);
});

test("after rotate-secret a delivery carries two v1 signatures and verifies with the old and the new secret", async () => {
  const hook = await create({ url: `${receiver.url}/rotate` });
  const rotated = await api.post(`/api/v1/webhooks/${hook.id}/rotate-secret`);
  expect(rotated.status()).toBe(200);
  const body = (await rotated.json()) as Hook;
  expect(body.secret).toMatch(/^whsec_/);
  expect(body.secret).not.toBe(hook.secret);
  expect(Date.parse(body.previous_secret_expires_at!)).toBeGreaterThan(Date.now());
  const read = await (await api.get(`/api/v1/webhooks/${hook.id}`)).json();
  expect(read).not.toHaveProperty("secret");
  expect(JSON.stringify(read)).not.toContain(body.secret!);
  expect(read.secret_hint).toBe(body.secret!.slice(-4));

  const { event_id: eventId } = await (await api.post(`/api/v1/webhooks/${hook.id}/test`)).json();
  const delivery = await receiver.waitFor(eventId);
  expect(delivery.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
  expect(delivery.headers["webhook-signature"]!.split(" ").every((s) => s.startsWith("v1,"))).toBe(true);
  for (const secret of [hook.secret!, body.secret!]) {
    expect((new Webhook(secret).verify(delivery.body, delivery.headers) as { id: string }).id).toBe(eventId);
  }
  const log = await (await api.get(`/api/v1/webhooks/${hook.id}/deliveries`)).json();
  expect(JSON.stringify(log)).not.toContain(body.secret!);
  expect(JSON.stringify(log)).not.toContain(hook.secret!);
});

test("the cron route delivers due webhooks only with CRON_SECRET", async ({ request }) => {
  expect((await request.post("/api/cron/deliver-webhooks")).status()).toBe(401);
  const wrong = await request.post("/api/cron/deliver-webhooks", { headers: { authorization: "Bearer nope" } });
  expect(wrong.status()).toBe(401);
  expect((await wrong.json()).error.code).toBe("invalid_cron_secret");
  const ok = await request.post("/api/cron/deliver-webhooks", { headers: { authorization: "Bearer e2e-cron-secret" } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({
    attempted: expect.any(Number), delivered: expect.any(Number),
    revocations: { confirmed: expect.any(Number), retry: expect.any(Number), abandoned: expect.any(Number), skipped: expect.any(Number) },
  });
});
