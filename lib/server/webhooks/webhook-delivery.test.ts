import { spawn } from "node:child_process";
import { once } from "node:events";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";
import { removeMember } from "../apps/remove-member";
import { updateAuthenticator } from "../authenticators/update-authenticator";
import { getConnectionToken } from "../connections/get-connection-token";
import { revokeConnection } from "../connections/revoke-connection";
import { getPrisma } from "../db/client";
import { decryptAccessToken, decryptRefreshToken } from "../grants/decrypt-grant";
import { dueRevocations, retryRevocation } from "../grants/revocation-retries";
import { encryptSecret } from "../crypto/encryption";
import { sessionCtx } from "../../testing/factories";
import { startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { startSilentServer } from "../../testing/loopback-server";
import { addEndpoint, startReceiver, type Received } from "../../testing/webhook-receiver";
import { attemptDelivery, perEndpointConcurrency } from "./attempt-delivery";
import { enqueueWebhookEvent } from "./enqueue-event";
import { nextRetryAt } from "./retry-schedule";
import { deliverDueWebhooks, startWebhookWorkers, stopWebhookWorkers } from "./webhook-queue";

// Issue 13's delivery engine against real receivers on loopback, the real authorization server and
// the real database; signatures checked with the standardwebhooks package, as receivers would.
let h: OAuthHarness;
const ids = { life: "", narrow: "", rev: "" };
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpoint: { id: string; secret: string };

beforeAll(async () => {
  h = await startOAuthHarness([{ name: "life" }, { name: "narrow", grantOnly: ["read"] }, { name: "rev" }]);
  const revocation = { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` };
  ids.life = await h.register("life", ["openid", "offline_access", "read"], revocation);
  ids.narrow = await h.register("narrow", ["read", "write"]);
  receiver = await startReceiver();
  endpoint = await addEndpoint(h.appId, `${receiver.url}/hooks`);
});
afterAll(async () => {
  await stopWebhookWorkers();
  await receiver?.close();
  await h?.provider.stop();
});

const verify = (r: Received, secret: string) => new Webhook(secret).verify(r.body, { "webhook-id": r.id, "webhook-timestamp": r.timestamp, "webhook-signature": r.signature });
const ofType = (type: string) => receiver.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);
const grantOf = async (authenticatorId: string) => (await h.connection(authenticatorId))!.grant!;
const expire = (authenticatorId: string) => getPrisma().oAuthTokenGrant.updateMany({ where: { authenticatorId }, data: { expiresAt: new Date(Date.now() - 1000), nextRefreshAfter: null } });
const token = (authenticatorId: string) => getConnectionToken({ ctx: sessionCtx(h.owner), input: { authenticatorId } });
const settle = (promise: Promise<unknown>) => promise.then(() => "ok", (error: { code?: string }) => error.code ?? "error");

describe("every event type", () => {
  it("is delivered once, signed the Standard Webhooks way, with the connection's data and never a token", async () => {
    await h.connect(ids.life); // created
    await h.connect(ids.life); // reconnected
    await h.connect(ids.narrow); // insufficient_scopes
    // refresh_failed: the provider keeps failing; recovered: it works again.
    await expire(ids.life);
    h.provider.failTokenRequests(100);
    expect(await settle(token(ids.life))).toBe("provider_unavailable");
    h.provider.failTokenRequests(0);
    await expire(ids.life);
    expect((await token(ids.life)).access_token).toBeTruthy();
    // needs_reauth: a rotated-away refresh token is replayed.
    const old = await grantOf(ids.life);
    const oldRefresh = decryptRefreshToken(old)!;
    await expire(ids.life);
    await token(ids.life);
    const current = await grantOf(ids.life);
    await getPrisma().oAuthTokenGrant.update({
      where: { grantId: current.grantId },
      data: { refreshToken: encryptSecret(oldRefresh, { table: "oauth_token_grants", rowId: current.grantId, field: "refresh_token" }).ciphertext, expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await settle(token(ids.life))).toBe("reauthorization_required");
    // deleted, by the user.
    await revokeConnection({ ctx: sessionCtx(h.owner), input: { authenticatorId: ids.narrow } });
    const testEvent = await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: endpoint.id, data: { webhook_id: endpoint.id } }));
    expect(testEvent).toMatch(/^msg_[0-9a-f]{32}$/);

    const result = await deliverDueWebhooks({ timeSliceMs: 20_000 });
    expect(result.delivered).toBe(WEBHOOK_EVENT_TYPES.length);
    for (const type of WEBHOOK_EVENT_TYPES) expect(ofType(type), type).toHaveLength(1);
    const tokens = [decryptAccessToken(current), oldRefresh, decryptRefreshToken(current)!];
    for (const r of receiver.received) {
      const payload = verify(r, endpoint.secret) as { id: string; type: string; created_at: string; data: Record<string, unknown> };
      expect(payload.id).toBe(r.id);
      expect(Object.keys(payload)).toEqual(["type", "id", "created_at", "data"]);
      expect(Math.abs(Number(r.timestamp) * 1000 - Date.now())).toBeLessThan(60_000);
      for (const secret of [...tokens, endpoint.secret]) expect(r.body).not.toContain(secret);
    }
    const created = JSON.parse(ofType("connection.created")[0]!.body) as { data: Record<string, unknown> };
    expect(created.data).toEqual({
      app_id: h.appId, authenticator_id: ids.life, authenticator_type: "custom", user_id: h.owner.id,
      status: "active", status_reason: null, scopes: expect.arrayContaining(["read"]),
    });
    expect(JSON.parse(ofType("connection.insufficient_scopes")[0]!.body).data).toMatchObject({ status: "insufficient_scopes", status_reason: "Missing scopes: write" });
    expect(JSON.parse(ofType("connection.needs_reauth")[0]!.body).data).toMatchObject({ authenticator_id: ids.life, status: "needs_reauth" });
    expect(JSON.parse(ofType("connection.deleted")[0]!.body).data).toMatchObject({ authenticator_id: ids.narrow, deleted_by: "user", status: "revoked" });
    // Nothing left to deliver: once each.
    expect((await deliverDueWebhooks({ timeSliceMs: 2_000 })).attempted).toBe(0);
    // The delivery log holds neither secrets nor tokens.
    const log = JSON.stringify(await getPrisma().webhookAttempt.findMany({ where: { delivery: { endpointId: endpoint.id } }, omit: { id: true } }));
    for (const secret of [...tokens, endpoint.secret]) expect(log).not.toContain(secret);
  });
});

describe("connection.deleted", () => {
  it("is sent for a removed member's connections, saying so, in the transaction that removes them", async () => {
    await h.connect(ids.life, h.member);
    await deliverDueWebhooks({ timeSliceMs: 5_000 });
    const before = receiver.received.length;
    await removeMember({ ctx: sessionCtx(h.owner), appId: h.appId, userId: h.member.id });
    await deliverDueWebhooks({ timeSliceMs: 5_000 });
    const fresh = receiver.received.slice(before).map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(fresh).toEqual([expect.objectContaining({ type: "connection.deleted", data: expect.objectContaining({ user_id: h.member.id, deleted_by: "member_removed" }) })]);
  });
});

describe("retries", () => {
  it("retries a receiver that answered 500 within 30 s, with the same webhook-id, and logs both attempts", async () => {
    const flaky = await startReceiver((n) => (n === 1 ? 500 : 200));
    const hook = await addEndpoint(h.appId, flaky.url, ["webhook.test"]);
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
    const [delivery] = await getPrisma().webhookDelivery.findMany({ where: { endpointId: hook.id } });
    const first = await attemptDelivery(delivery!.id);
    expect(first.kind).toBe("retry");
    if (first.kind !== "retry") return;
    expect(first.at.getTime() - Date.now()).toBeLessThan(30_000);
    expect(first.at.getTime() - Date.now()).toBeGreaterThan(5_000);
    // Not due yet: nobody attempts it early.
    expect((await attemptDelivery(delivery!.id)).kind).toBe("skipped");
    await getPrisma().webhookDelivery.update({ where: { id: delivery!.id }, data: { nextAttemptAt: new Date() } });
    expect((await attemptDelivery(delivery!.id)).kind).toBe("delivered");
    expect(flaky.received.map((r) => r.id)).toEqual([flaky.received[0]!.id, flaky.received[0]!.id]);
    const attempts = await getPrisma().webhookAttempt.findMany({ where: { deliveryId: delivery!.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.responseStatus])).toEqual([[1, 500], [2, 200]]);
    expect(attempts[0]!.nextRetryAt).not.toBeNull();
    expect(attempts[0]!.responseExcerpt!.length).toBeLessThanOrEqual(1024);
    expect((await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).failingSince).toBeNull();
    await flaky.close();
  });

  it("backs off exponentially with jitter over about 24 hours, then gives up", () => {
    const created = new Date("2026-01-01T00:00:00Z");
    let at = created;
    const delays: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const next = nextRetryAt(attempts, created, at, () => 0.5);
      if (!next) break;
      delays.push((next.getTime() - at.getTime()) / 1000);
      at = next;
    }
    expect(delays.slice(0, 4)).toEqual([10, 30, 90, 270]);
    expect((at.getTime() - created.getTime()) / 3600_000).toBeGreaterThan(18);
    expect((at.getTime() - created.getTime()) / 3600_000).toBeLessThanOrEqual(24);
    const jittered = [0, 1].map((r) => nextRetryAt(1, created, created, () => r)!.getTime() - created.getTime());
    expect(jittered).toEqual([8_000, 12_000]);
  });

  it("disables an endpoint that answered 410, with an audit event, and stops attempting it", async () => {
    const gone = await startReceiver(() => 410);
    const hook = await addEndpoint(h.appId, gone.url, ["webhook.test"]);
    for (let i = 0; i < 2; i++) await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: { i } }));
    const [first] = await getPrisma().webhookDelivery.findMany({ where: { endpointId: hook.id }, orderBy: { createdAt: "asc" } });
    expect(await attemptDelivery(first!.id)).toMatchObject({ kind: "failed", status: 410, disabled: "gone" });
    const row = await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: "gone" });
    expect(await getPrisma().webhookDelivery.count({ where: { endpointId: hook.id, status: "pending" } })).toBe(0);
    expect(await getPrisma().oAuthEvent.count({ where: { eventType: "webhook.disabled", details: { path: ["webhook_id"], equals: hook.id } } })).toBe(1);
    await deliverDueWebhooks({ timeSliceMs: 2_000 });
    expect(gone.received).toHaveLength(1);
    // No new events for a disabled endpoint.
    expect(await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }))).toBeNull();
    await gone.close();
  });

  it("disables an endpoint that has been failing for 3 days", async () => {
    const failing = await startReceiver(() => 503);
    const hook = await addEndpoint(h.appId, failing.url, ["webhook.test"]);
    await getPrisma().webhookEndpoint.update({ where: { id: hook.id }, data: { failingSince: new Date(Date.now() - 3 * 24 * 3600_000 - 60_000) } });
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
    const [delivery] = await getPrisma().webhookDelivery.findMany({ where: { endpointId: hook.id } });
    expect(await attemptDelivery(delivery!.id)).toMatchObject({ kind: "failed", disabled: "failing" });
    expect(await getPrisma().webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({ enabled: false, disabledReason: "failing" });
    await failing.close();
  });
});

describe("the outbound address policy", () => {
  it("refuses a metadata or private address at delivery time without connecting", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data", "https://10.0.0.7/hook", "http://[::ffff:192.168.1.1]/hook"]) {
      const hook = await addEndpoint(h.appId, url, ["webhook.test"]);
      await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
      const [delivery] = await getPrisma().webhookDelivery.findMany({ where: { endpointId: hook.id } });
      const outcome = await attemptDelivery(delivery!.id);
      expect(outcome).toMatchObject({ kind: "retry", status: null });
      expect(outcome.kind === "retry" && outcome.error).toMatch(/^blocked_address/);
    }
  });
});

describe("signing secret rotation", () => {
  it("signs with both secrets during the overlap, so receivers holding either verify", async () => {
    const rotating = await startReceiver();
    const hook = await addEndpoint(h.appId, rotating.url, ["webhook.test"]);
    const { newWebhookSecret, sealWebhookSecret } = await import("./webhook-secret");
    const fresh = newWebhookSecret();
    await getPrisma().webhookEndpoint.update({
      where: { id: hook.id },
      data: {
        secret: sealWebhookSecret(hook.id, "secret", fresh).ciphertext, previousSecret: sealWebhookSecret(hook.id, "previous_secret", hook.secret).ciphertext,
        previousSecretExpiresAt: new Date(Date.now() + 24 * 3600_000),
      },
    });
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
    await deliverDueWebhooks({ timeSliceMs: 5_000 });
    const [r] = rotating.received;
    expect(r!.signature.split(" ")).toHaveLength(2);
    expect(verify(r!, fresh)).toBeTruthy();
    expect(verify(r!, hook.secret)).toBeTruthy();
    // After the overlap only the new secret signs.
    await getPrisma().webhookEndpoint.update({ where: { id: hook.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
    await deliverDueWebhooks({ timeSliceMs: 5_000 });
    const second = rotating.received[1]!;
    expect(verify(second, fresh)).toBeTruthy();
    expect(() => verify(second, hook.secret)).toThrow();
    await rotating.close();
  });
});

describe("the queue (pg-boss workers)", () => {
  it("delivers within seconds of the change, and a receiver that hangs holds up neither other endpoints nor more than its share", async () => {
    const silent = await startSilentServer();
    const stuck = await addEndpoint(h.appId, silent.url, ["webhook.test"]);
    const quick = await startReceiver();
    const fast = await addEndpoint(h.appId, quick.url, ["webhook.test"]);
    await startWebhookWorkers();
    for (let i = 0; i < 8; i++) await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: stuck.id, data: { i } }));
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the stuck endpoint's deliveries are in flight
    const changed = Date.now();
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: fast.id, data: {} }));
    while (!quick.received.length && Date.now() - changed < 15_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(quick.received).toHaveLength(1);
    expect(quick.received[0]!.at - changed).toBeLessThan(5_000);
    expect(silent.stats.connections).toBeGreaterThan(0);
    expect(silent.stats.connections).toBeLessThanOrEqual(perEndpointConcurrency());
    await stopWebhookWorkers();
    await silent.close();
    await quick.close();
  }, 40_000);

  it("loses nothing when a worker is killed mid-delivery: the next one delivers with the same webhook-id", async () => {
    let hang = true;
    const crashy = await startReceiver(() => (hang ? "hang" : 200));
    const hook = await addEndpoint(h.appId, crashy.url, ["webhook.test"]);
    const env = { ...process.env, WEBHOOK_LEASE_SECONDS: "12", REFRESH_SWEEP_INTERVAL_MS: "600000", LOG_LEVEL: "silent" };
    const start = () => spawn("node", ["--conditions=react-server", "--import", "tsx", "lib/scripts/worker.ts"], { env, stdio: "ignore" });
    const first = start();
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
    for (let i = 0; i < 150 && !crashy.received.length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(crashy.received).toHaveLength(1);
    first.kill("SIGKILL");
    await once(first, "exit");
    hang = false;
    const second = start();
    try {
      for (let i = 0; i < 300 && crashy.received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(crashy.received.length).toBeGreaterThanOrEqual(2);
      expect(new Set(crashy.received.map((r) => r.id)).size).toBe(1);
      const deadline = Date.now() + 5_000;
      let delivery = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
      while (delivery.status !== "delivered" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        delivery = await getPrisma().webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
      }
      expect(delivery.status).toBe("delivered");
    } finally {
      second.kill("SIGTERM");
      await once(second, "exit");
      await crashy.close();
    }
  }, 60_000);
});

describe("revocations that failed", () => {
  it("are retried through the queue until the provider confirms, and the event log says when", async () => {
    const down = await startReceiver(() => 503);
    ids.rev = await h.register("rev", ["openid", "offline_access", "read"], { issuer: h.provider.issuer, revocation_url: `${down.url}/revoke` });
    await h.connect(ids.rev);
    const grant = await grantOf(ids.rev);
    const access = decryptAccessToken(grant);
    const result = await revokeConnection({ ctx: sessionCtx(h.owner), input: { authenticatorId: ids.rev } });
    expect(result.provider_revocation).toMatch(/^failed/);
    expect(await h.introspect("rev", access)).toMatchObject({ active: true });
    const [pending] = await getPrisma().pendingRevocation.findMany({ where: { authenticatorId: ids.rev } });
    expect(pending).toBeTruthy();
    expect(pending!.token).not.toContain(access);
    // The provider is reachable again (its revocation URL fixed); the retry comes due.
    await updateAuthenticator({ ctx: sessionCtx(h.owner), authenticatorId: ids.rev, input: { configuration: { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` } } });
    await getPrisma().pendingRevocation.update({ where: { id: pending!.id }, data: { nextAttemptAt: new Date() } });
    expect(await dueRevocations(100)).toContain(pending!.id);
    expect(await retryRevocation(pending!.id)).toBe("confirmed");
    expect(await h.introspect("rev", access)).toMatchObject({ active: false });
    expect(await getPrisma().pendingRevocation.count({ where: { id: pending!.id } })).toBe(0);
    const confirmed = await getPrisma().oAuthEvent.findFirst({ where: { authenticatorId: ids.rev, eventType: "token.revocation_confirmed" } });
    expect(confirmed?.details).toMatchObject({ attempts: 2 });
    await down.close();
  });
});

describe("starting the workers while the database is down", () => {
  it("does not throw, and starts them once the database answers", async () => {
    const { startSilentServer: silent } = await import("../../testing/loopback-server");
    const dead = await silent();
    const url = process.env.DATABASE_URL!;
    await stopWebhookWorkers();
    process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${dead.port}/nowhere?connect_timeout=1`;
    try {
      await dead.close(); // nothing listens there any more: connections are refused
      await expect(startWebhookWorkers({ retryMs: 200 })).resolves.toBeUndefined();
    } finally {
      process.env.DATABASE_URL = url;
    }
    const receiverUp = await startReceiver();
    const hook = await addEndpoint(h.appId, receiverUp.url, ["webhook.test"]);
    await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: {} }));
    for (let i = 0; i < 100 && !receiverUp.received.length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiverUp.received).toHaveLength(1);
    await stopWebhookWorkers();
    await receiverUp.close();
  }, 30_000);
});

describe("retention", () => {
  it("forgets events older than WEBHOOK_RETENTION_DAYS with their deliveries, but keeps one still pending", async () => {
    const { deleteOldWebhookEvents } = await import("./webhook-queue");
    const old = await startReceiver();
    const hook = await addEndpoint(h.appId, old.url, ["webhook.test"]);
    const done = await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: { n: 1 } }));
    await deliverDueWebhooks({ timeSliceMs: 5_000 });
    const waiting = await getPrisma().$transaction((tx) => enqueueWebhookEvent(tx, { appId: h.appId, type: "webhook.test", endpointId: hook.id, data: { n: 2 } }));
    const longAgo = new Date(Date.now() - 31 * 24 * 3600_000);
    await getPrisma().webhookEvent.updateMany({ where: { id: { in: [done!, waiting!] } }, data: { createdAt: longAgo } });
    expect(await deleteOldWebhookEvents()).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().webhookEvent.count({ where: { id: done! } })).toBe(0);
    expect(await getPrisma().webhookAttempt.count({ where: { delivery: { eventId: done! } } })).toBe(0);
    expect(await getPrisma().webhookEvent.count({ where: { id: waiting! } })).toBe(1);
    await old.close();
  });
});
