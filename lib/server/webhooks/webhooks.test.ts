import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { createWebhookSchema, updateWebhookSchema, type ListDeliveriesQuery } from "../../schemas/webhooks";
import type { AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { apiKeyCtx, createAppWith, createUser, eventsFor, sessionCtx } from "../../testing/factories";
import { withFreshDatabase } from "../../testing/fresh-database";
import { startLoopbackServer } from "../../testing/loopback-server";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { getWebhook } from "./get-webhook";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { listWebhooks } from "./list-webhooks";
import { redeliverWebhookEvent } from "./redeliver-webhook-event";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { sendTestWebhook } from "./send-test-webhook";
import { updateWebhook } from "./update-webhook";
import { deliverDueWebhooks, stopWebhookWorkers } from "./webhook-queue";
import { openWebhookSecret } from "./webhook-secret";

// Deliveries are counted per database: a private one keeps other files' events out of the drain.
withFreshDatabase("fw_webhooks");

type Received = { headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let receiver: Awaited<ReturnType<typeof startLoopbackServer>>;
let status = 200;

let owner: Awaited<ReturnType<typeof createUser>>;
let developer: Awaited<ReturnType<typeof createUser>>;
let member: Awaited<ReturnType<typeof createUser>>;
let outsider: Awaited<ReturnType<typeof createUser>>;
let appId = "";
let otherAppId = "";

beforeAll(async () => {
  process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "true";
  receiver = await startLoopbackServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "thanks" : "nope");
    });
  });
  [owner, developer, member, outsider] = await Promise.all([createUser("owner"), createUser("dev"), createUser("member"), createUser("outsider")]);
  appId = await createAppWith([{ userId: owner.id, role: "owner" }, { userId: developer.id, role: "developer" }, { userId: member.id, role: "member" }]);
  otherAppId = await createAppWith([{ userId: outsider.id, role: "owner" }]);
});
afterAll(async () => {
  await stopWebhookWorkers();
  await receiver?.close();
  delete process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
});
beforeEach(() => {
  received.length = 0;
  status = 200;
});

const create = (body: Record<string, unknown>, ctx: AuthedContext = sessionCtx(developer)) =>
  createWebhook({ ctx, input: createWebhookSchema.parse({ app_id: appId, ...body }) });

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

const deliveries = (ctx: AuthedContext, webhookId: string, query: Partial<ListDeliveriesQuery> = {}) =>
  listWebhookDeliveries({ ctx, input: { webhookId, query: { limit: 25, ...query } } });

describe("webhook endpoints", () => {
  it("creates an endpoint whose secret is shown once and stored only as ciphertext, with an audit event", async () => {
    const created = await create({ url: `${receiver.url}/hooks`, events: ["connection.created", "connection.created"], description: "CRM sync" });
    expect(created.id).toMatch(/^wh_[0-9a-f]{32}$/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created).toMatchObject({ app_id: appId, events: ["connection.created"], enabled: true, description: "CRM sync", secret_hint: created.secret.slice(-4) });
    const row = await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secret).toMatch(/^v1:t1:/);
    expect(row.secret).not.toContain(created.secret.slice(6));
    expect(openWebhookSecret(created.id, "secret", row.secret)).toBe(created.secret);
    expect(row.createdById).toBe(developer.id);

    const read = await getWebhook({ ctx: sessionCtx(owner), input: { webhookId: created.id } });
    const listed = await listWebhooks({ ctx: sessionCtx(owner), input: { appId } });
    expect(JSON.stringify([read, listed])).not.toContain(created.secret);
    expect(listed.map((w) => w.id)).toContain(created.id);
    const audit = (await eventsFor(appId)).filter((e) => e.eventType === "webhook.created");
    expect(audit.at(-1)?.details).toMatchObject({ webhook_id: created.id, url_host: new URL(receiver.url).host });
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain(created.secret);
  });

  it("refuses internal, metadata, credentialed and plain-http URLs with invalid_webhook_url and stores nothing", async () => {
    const before = await getPrisma().webhookEndpoint.count();
    for (const url of ["http://169.254.169.254/latest/meta-data", "https://10.0.0.1/hook", "http://192.168.1.1", "https://user:pass@example.com/hook", "http://example.com/hook", "not a url"]) {
      expect(await failure(create({ url })), url).toMatchObject({ status: 422, code: "invalid_webhook_url" });
    }
    expect(createWebhookSchema.safeParse({ url: "https://example.com", events: ["connection.exploded"] }).success).toBe(false);
    expect(updateWebhookSchema.safeParse({}).success).toBe(false);
    expect(await getPrisma().webhookEndpoint.count()).toBe(before);
  });

  it("is for owners and developers with the webhooks scopes; members, outsiders, other apps' keys are refused", async () => {
    const mine = await create({ url: `${receiver.url}/perm` });
    const before = await getPrisma().webhookEndpoint.count();
    expect(await failure(create({ url: `${receiver.url}/m` }, sessionCtx(member)))).toMatchObject({ status: 403, code: "insufficient_role" });
    expect(await failure(listWebhooks({ ctx: sessionCtx(member), input: { appId } }))).toMatchObject({ status: 403, code: "insufficient_role" });
    expect(await failure(listWebhooks({ ctx: sessionCtx(outsider), input: { appId } }))).toMatchObject({ status: 404, code: "app_not_found" });
    expect(await failure(create({ url: `${receiver.url}/k` }, apiKeyCtx(owner, ["webhooks:read"])))).toMatchObject({ status: 403, code: "insufficient_scope" });
    expect(await failure(listWebhooks({ ctx: apiKeyCtx(owner, ["webhooks:write"]), input: { appId } }))).toMatchObject({ status: 403, code: "insufficient_scope" });
    // A key restricted to another app: a named app is refused, an id of this app is not found.
    const restricted = apiKeyCtx(owner, ["webhooks:read", "webhooks:write"], otherAppId);
    expect(await failure(listWebhooks({ ctx: restricted, input: { appId } }))).toMatchObject({ status: 403, code: "app_restricted" });
    for (const ctx of [restricted, sessionCtx(outsider)]) {
      expect(await failure(getWebhook({ ctx, input: { webhookId: mine.id } }))).toMatchObject({ status: 404, code: "webhook_not_found" });
      expect(await failure(deleteWebhook({ ctx, input: { webhookId: mine.id } }))).toMatchObject({ status: 404, code: "webhook_not_found" });
      expect(await failure(sendTestWebhook({ ctx, input: { webhookId: mine.id } }))).toMatchObject({ status: 404, code: "webhook_not_found" });
    }
    expect(await failure(updateWebhook({ ctx: sessionCtx(member), input: { webhookId: mine.id, changes: { enabled: false } } }))).toMatchObject({ status: 403, code: "insufficient_role" });
    expect(await failure(getWebhook({ ctx: sessionCtx(owner), input: { webhookId: `wh_${"0".repeat(32)}` } }))).toMatchObject({ status: 404, code: "webhook_not_found" });
    // A key restricted to this app acts in it without naming it.
    const appKey = apiKeyCtx(owner, ["webhooks:read"], appId);
    expect((await listWebhooks({ ctx: appKey, input: {} })).map((w) => w.id)).toContain(mine.id);
    expect(await getPrisma().webhookEndpoint.count()).toBe(before);
    expect((await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: mine.id } })).enabled).toBe(true);
  });

  it("updates fields, and enabling again clears a platform disable", async () => {
    const hook = await create({ url: `${receiver.url}/upd` });
    await getPrisma().webhookEndpoint.update({ where: { id: hook.id }, data: { enabled: false, disabledReason: "gone", disabledAt: new Date(), failingSince: new Date() } });
    const disabled = await getWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } });
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: "gone" });
    expect(await failure(sendTestWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } }))).toMatchObject({ status: 409, code: "webhook_disabled" });

    const changes = updateWebhookSchema.parse({ enabled: true, events: ["connection.deleted", "webhook.test"], description: "renamed", url: `${receiver.url}/upd2` });
    const updated = await updateWebhook({ ctx: sessionCtx(developer), input: { webhookId: hook.id, changes } });
    expect(updated).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null, failing_since: null, events: ["connection.deleted", "webhook.test"], description: "renamed", url: `${receiver.url}/upd2` });
    const audit = (await eventsFor(appId)).filter((e) => e.eventType === "webhook.updated").at(-1);
    expect(audit?.details).toMatchObject({ webhook_id: hook.id, changed: ["url", "events", "description", "enabled"], re_enabled_after: "gone" });
    expect(await failure(updateWebhook({ ctx: sessionCtx(developer), input: { webhookId: hook.id, changes: { url: "https://169.254.169.254/" } } }))).toMatchObject({ status: 422, code: "invalid_webhook_url" });
    expect((await getWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } })).url).toBe(`${receiver.url}/upd2`);

    await deleteWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } });
    expect(await getPrisma().webhookEndpoint.count({ where: { id: hook.id } })).toBe(0);
    expect((await eventsFor(appId)).some((e) => e.eventType === "webhook.deleted" && (e.details as { webhook_id?: string }).webhook_id === hook.id)).toBe(true);
  });
});

describe("deliveries", () => {
  it("sends a signed test event, logs the attempt, and redelivers it with the same webhook-id", async () => {
    const hook = await create({ url: `${receiver.url}/test` });
    const sent = await sendTestWebhook({ ctx: sessionCtx(developer), input: { webhookId: hook.id } });
    expect(sent.event_id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await deliverDueWebhooks({ timeSliceMs: 10_000 })).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(1);
    const [first] = received;
    const payload = new Webhook(hook.secret).verify(first!.body, first!.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: "webhook.test", data: { webhook_id: hook.id, app_id: appId, message: "Test event from FiberWise" } });
    expect(first!.headers["webhook-id"]).toBe(sent.event_id);

    const log = await deliveries(sessionCtx(owner), hook.id);
    expect(log.data).toHaveLength(1);
    expect(log.data[0]).toMatchObject({ event_id: sent.event_id, event_type: "webhook.test", status: "delivered", attempts: 1, last_status: 200, next_attempt_at: null });
    expect(log.data[0]!.attempt_log).toEqual([expect.objectContaining({ attempt: 1, response_status: 200, response_excerpt: "thanks", error: null })]);
    expect(JSON.stringify(log)).not.toContain(hook.secret);

    const again = await redeliverWebhookEvent({ ctx: sessionCtx(developer), input: { webhookId: hook.id, eventId: sent.event_id } });
    expect(again.delivery_id).toBe(sent.delivery_id);
    expect((await deliveries(sessionCtx(owner), hook.id)).data[0]).toMatchObject({ status: "pending" });
    await deliverDueWebhooks({ timeSliceMs: 10_000 });
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([sent.event_id, sent.event_id]);
    expect((await deliveries(sessionCtx(owner), hook.id)).data[0]).toMatchObject({ status: "delivered", attempts: 2 });
    const types = (await eventsFor(appId)).map((e) => e.eventType);
    expect(types).toEqual(expect.arrayContaining(["webhook.test_sent", "webhook.redelivered"]));
  });

  it("redelivers an event to an endpoint that never had it; unknown and other apps' events are not found", async () => {
    const a = await create({ url: `${receiver.url}/a` });
    const sent = await sendTestWebhook({ ctx: sessionCtx(owner), input: { webhookId: a.id } });
    await deliverDueWebhooks({ timeSliceMs: 10_000 });
    const b = await create({ url: `${receiver.url}/b` });
    const result = await redeliverWebhookEvent({ ctx: sessionCtx(owner), input: { webhookId: b.id, eventId: sent.event_id } });
    expect(result.delivery_id).not.toBe(sent.delivery_id);
    await deliverDueWebhooks({ timeSliceMs: 10_000 });
    expect(received.filter((r) => r.headers["webhook-id"] === sent.event_id)).toHaveLength(2);
    new Webhook(b.secret).verify(received.at(-1)!.body, received.at(-1)!.headers as Record<string, string>);

    const foreign = await createWebhook({ ctx: sessionCtx(outsider), input: createWebhookSchema.parse({ app_id: otherAppId, url: `${receiver.url}/x` }) });
    expect(await failure(redeliverWebhookEvent({ ctx: sessionCtx(outsider), input: { webhookId: foreign.id, eventId: sent.event_id } }))).toMatchObject({ status: 404, code: "webhook_event_not_found" });
    expect(await failure(redeliverWebhookEvent({ ctx: sessionCtx(owner), input: { webhookId: a.id, eventId: `msg_${"0".repeat(32)}` } }))).toMatchObject({ status: 404, code: "webhook_event_not_found" });
    expect(await getPrisma().webhookDelivery.count({ where: { endpointId: foreign.id } })).toBe(0);
  });

  it("after a rotation signs with both secrets until the overlap ends", async () => {
    const hook = await create({ url: `${receiver.url}/rotate` });
    const rotated = await rotateWebhookSecret({ ctx: sessionCtx(developer), input: { webhookId: hook.id } });
    expect(rotated.secret).not.toBe(hook.secret);
    expect(rotated.secret_hint).toBe(rotated.secret.slice(-4));
    expect(Date.parse(rotated.previous_secret_expires_at!)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const row = await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(openWebhookSecret(hook.id, "previous_secret", row.previousSecret!)).toBe(hook.secret);
    const audit = (await eventsFor(appId)).filter((e) => e.eventType === "webhook.secret_rotated").at(-1);
    expect(audit?.details).toMatchObject({ webhook_id: hook.id, previous_secret_unreadable: false });
    expect(JSON.stringify(audit?.details)).not.toContain(rotated.secret);
    expect(JSON.stringify(audit?.details)).not.toContain(hook.secret);

    await sendTestWebhook({ ctx: sessionCtx(developer), input: { webhookId: hook.id } });
    await deliverDueWebhooks({ timeSliceMs: 10_000 });
    const delivery = received.at(-1)!;
    expect(String(delivery.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [hook.secret, rotated.secret]) new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);

    await getPrisma().webhookEndpoint.update({ where: { id: hook.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    expect((await getWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } })).previous_secret_expires_at).toBeNull();
    await sendTestWebhook({ ctx: sessionCtx(developer), input: { webhookId: hook.id } });
    await deliverDueWebhooks({ timeSliceMs: 10_000 });
    const later = received.at(-1)!;
    expect(String(later.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => new Webhook(hook.secret).verify(later.body, later.headers as Record<string, string>)).toThrow();
    new Webhook(rotated.secret).verify(later.body, later.headers as Record<string, string>);
  });

  it("pages the log newest first with a cursor, filters it, and refuses cursors it did not issue", async () => {
    const hook = await create({ url: `${receiver.url}/page` });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sendTestWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } })).delivery_id);
    status = 500;
    const first = await deliveries(sessionCtx(owner), hook.id, { limit: 2 });
    expect(first.data.map((d) => d.id)).toEqual([ids[2], ids[1]]);
    const second = await deliveries(sessionCtx(owner), hook.id, { limit: 2, cursor: first.next_cursor! });
    expect(second.data.map((d) => d.id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
    expect((await deliveries(sessionCtx(owner), hook.id, { status: "delivered" })).data).toEqual([]);
    expect((await deliveries(sessionCtx(owner), hook.id, { event_type: "connection.created" })).data).toEqual([]);
    expect((await deliveries(sessionCtx(owner), hook.id, { status: "pending", event_type: "webhook.test" })).data).toHaveLength(3);
    for (const cursor of ["nope", "2026-01-01T00:00:00.000Z|whd_zz", `2026-13-45T00:00:00.000Z|whd_${"0".repeat(32)}`]) {
      expect(await failure(deliveries(sessionCtx(owner), hook.id, { cursor })), cursor).toMatchObject({ status: 422, code: "invalid_cursor" });
    }
    expect(await failure(deliveries(sessionCtx(member), hook.id))).toMatchObject({ status: 403, code: "insufficient_role" });

    // A failing receiver: the attempt is logged with its status and the next retry.
    await deliverDueWebhooks({ timeSliceMs: 10_000 });
    const failed = (await deliveries(sessionCtx(owner), hook.id, { limit: 1 })).data[0]!;
    expect(failed).toMatchObject({ status: "pending", last_status: 500, attempts: 1 });
    expect(failed.attempt_log[0]).toMatchObject({ response_status: 500, response_excerpt: "nope", error: "http_500" });
    expect(Date.parse(failed.attempt_log[0]!.next_retry_at!)).toBeGreaterThan(Date.now());
    expect((await getWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } })).failing_since).not.toBeNull();
  });

  it("sends a test event to an endpoint whatever events it subscribes to, and only to it", async () => {
    const hook = await create({ url: `${receiver.url}/filtered`, events: ["connection.created"] });
    const result = await sendTestWebhook({ ctx: sessionCtx(owner), input: { webhookId: hook.id } });
    expect(await getPrisma().webhookDelivery.findMany({ where: { eventId: result.event_id }, select: { endpointId: true } })).toEqual([{ endpointId: hook.id }]);
  });
});
