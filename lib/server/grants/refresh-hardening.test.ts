import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAuthenticator } from "../authenticators/delete-authenticator";
import { getConnectionToken } from "../connections/get-connection-token";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { getHealth } from "../health/get-health";
import { sweepExpiringGrants } from "../jobs/refresh-sweep";
import { startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { seedGrants } from "../../testing/seed-grants";
import { sessionCtx } from "../../testing/factories";
import { decryptAccessToken } from "./decrypt-grant";
import { BREAKER_THRESHOLD } from "./provider-guard";

// Issue 12's refresh findings, each reproduced against the real authorization server and database.
let h: OAuthHarness;
const names = ["fault", "outage", "dead", "slowdel", "lease", "pool", "sweep", "fast", "slow", "slice", "broken", "restore"] as const;
const ids = {} as Record<(typeof names)[number], string>;

beforeAll(async () => {
  h = await startOAuthHarness(names.map((name) => ({ name })));
  for (const name of names) {
    ids[name] = await h.register(name, ["openid", "offline_access", "read"], { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` });
  }
});
afterAll(async () => h?.provider.stop());

const seed = (name: (typeof names)[number], count: number, expiresInMs: number) =>
  seedGrants({
    appId: h.appId, authenticatorId: ids[name], count, expiresInMs,
    refreshToken: () => h.provider.mintRefreshToken(h.clientFor(name).client_id, `user-${Math.random()}`),
  });
const tokenFor = (userId: number, authenticatorId: string) =>
  getConnectionToken({ ctx: sessionCtx({ id: userId, email: `u${userId}@example.com` }), input: { authenticatorId } });
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
const grant = (grantId: string) => getPrisma().oAuthTokenGrant.findUniqueOrThrow({ where: { grantId } });

describe("a database fault while storing a rotated refresh token", () => {
  it("retries the write from the provider's response, never with the old refresh token, and records it", async () => {
    const { userId, grantId } = (await seed("fault", 1, -1000))[0]!;
    const db = getPrisma();
    // Fail the first two writes of new tokens for this grant. nextval() is not rolled back with
    // the failed statement, so the fault really passes after two attempts.
    await db.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS fault_once_seq`);
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION fault_once() RETURNS trigger AS $$
      BEGIN
        IF NEW.grant_id = '${grantId}' AND NEW.access_token <> OLD.access_token AND nextval('fault_once_seq') <= 2 THEN
          RAISE EXCEPTION 'injected database fault';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER fault_once BEFORE UPDATE ON oauth_token_grants FOR EACH ROW EXECUTE FUNCTION fault_once()`);
    try {
      const calls = h.tokenCalls();
      const served = await tokenFor(userId, ids.fault);
      expect(h.tokenCalls() - calls).toBe(1);
      expect(await h.introspect("fault", served.access_token)).toMatchObject({ active: true });
      expect(await grant(grantId)).toMatchObject({ status: "active", refreshLeaseId: null, refreshFailureCount: 0 });
      const event = await db.oAuthEvent.findFirst({ where: { grantId, eventType: "token.refreshed" } });
      expect(event?.details).toMatchObject({ rotated: true, write_attempts: 3 });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER fault_once ON oauth_token_grants`);
    }
    // The stored (rotated) refresh token is the live one: the next refresh works.
    await db.oAuthTokenGrant.update({ where: { grantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const next = await tokenFor(userId, ids.fault);
    expect(await h.introspect("fault", next.access_token)).toMatchObject({ active: true });
    expect(await db.userAppOAuthAuthentication.findFirst({ where: { grantId } })).toMatchObject({ authStatus: "active" });
  });
});

describe("a provider outage", () => {
  it("serves the current token while it is valid, and answers 503 with Retry-After once it is not", async () => {
    const { userId, grantId } = (await seed("outage", 1, 120_000))[0]!;
    const before = decryptAccessToken(await grant(grantId));
    h.provider.failTokenRequests(1000);
    try {
      expect((await tokenFor(userId, ids.outage)).access_token).toBe(before);
      const cooling = await grant(grantId);
      expect(cooling.refreshFailureCount).toBe(1);
      expect(cooling.nextRefreshAfter!.getTime()).toBeGreaterThan(Date.now());
      const calls = h.tokenCalls();
      expect((await tokenFor(userId, ids.outage)).access_token).toBe(before);
      expect(h.tokenCalls()).toBe(calls);
      await getPrisma().oAuthTokenGrant.update({ where: { grantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const error = await tokenFor(userId, ids.outage).catch((e: unknown) => e as AppError);
      expect(error).toMatchObject({ status: 503, code: "provider_unavailable" });
      expect(Number((error as AppError).headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      h.provider.failTokenRequests(0);
    }
  });

  it("costs a bounded number of provider calls: the circuit breaker stops calling a dead provider", async () => {
    const seeded = await seed("dead", 12, -1000);
    h.provider.failTokenRequests(1000);
    try {
      const calls = h.tokenCalls();
      const answers = await Promise.all(seeded.map((s) => tokenFor(s.userId, ids.dead).catch((e: unknown) => e as AppError)));
      expect(answers.every((a) => a instanceof AppError && a.code === "provider_unavailable" && Number(a.headers["retry-after"]) > 0)).toBe(true);
      const spent = h.tokenCalls() - calls;
      // 8 concurrent first attempts at most (the bulkhead); the breaker opens before any retry.
      expect(spent).toBeGreaterThanOrEqual(BREAKER_THRESHOLD);
      expect(spent).toBeLessThanOrEqual(8);
      await Promise.all(seeded.map((s) => getPrisma().oAuthTokenGrant.update({ where: { grantId: s.grantId }, data: { nextRefreshAfter: null } })));
      const again = await Promise.all(seeded.map((s) => outcome(tokenFor(s.userId, ids.dead))));
      expect(again.every((a) => a === "provider_unavailable")).toBe(true);
      expect(h.tokenCalls() - calls).toBe(spent);
    } finally {
      h.provider.failTokenRequests(0);
    }
  });
});

describe("no transaction or pool connection across the network", () => {
  it("keeps the database answering while more refreshes than pool connections wait on a slow provider", async () => {
    const seeded = await seed("pool", 12, -1000);
    h.provider.delayTokenRequests(2000, h.clientFor("pool").client_id);
    try {
      const pending = Promise.all(seeded.map((s) => tokenFor(s.userId, ids.pool)));
      await new Promise((resolve) => setTimeout(resolve, 400));
      const started = Date.now();
      expect((await getHealth()).database.reachable).toBe(true);
      await getPrisma().app.findMany({ take: 1 });
      expect(Date.now() - started).toBeLessThan(500);
      const tokens = await pending;
      expect(new Set(tokens.map((t) => t.access_token)).size).toBe(12);
    } finally {
      h.provider.delayTokenRequests(0, h.clientFor("pool").client_id);
    }
  });

  it("lets an authenticator be deleted while one of its grants is being refreshed", async () => {
    const { userId, grantId } = (await seed("slowdel", 1, -1000))[0]!;
    h.provider.delayTokenRequests(2500, h.clientFor("slowdel").client_id);
    try {
      const refreshing = outcome(tokenFor(userId, ids.slowdel));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await deleteAuthenticator({ ctx: sessionCtx(h.owner), authenticatorId: ids.slowdel });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(await refreshing).toBe("reauthorization_required");
      expect(await getPrisma().oAuthTokenGrant.count({ where: { grantId } })).toBe(0);
    } finally {
      h.provider.delayTokenRequests(0, h.clientFor("slowdel").client_id);
    }
  });

  it("waits out a lease left by a process that died, then refreshes once", async () => {
    const { userId, grantId } = (await seed("lease", 1, -1000))[0]!;
    await getPrisma().oAuthTokenGrant.update({ where: { grantId }, data: { refreshLeaseId: "dead-process", refreshLeaseUntil: new Date(Date.now() + 1500) } });
    const calls = h.tokenCalls();
    const started = Date.now();
    const served = await tokenFor(userId, ids.lease);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(h.tokenCalls() - calls).toBe(1);
    expect(await h.introspect("lease", served.access_token)).toMatchObject({ active: true });
  });
});

describe("the sweep", () => {
  it("drains every due grant in one run, in batches, and two sweeps divide them without a double refresh", async () => {
    const seeded = await seed("sweep", 240, 60_000);
    const calls = h.tokenCalls();
    const [a, b] = await Promise.all([sweepExpiringGrants({ batchSize: 40 }), sweepExpiringGrants({ batchSize: 40 })]);
    expect(a.refreshed + b.refreshed).toBe(240);
    expect(a.refreshed).toBeGreaterThan(0);
    expect(b.refreshed).toBeGreaterThan(0);
    expect(a.batches + b.batches).toBeGreaterThan(6);
    expect(h.tokenCalls() - calls).toBe(240);
    const events = await getPrisma().oAuthEvent.groupBy({
      by: ["grantId"], where: { eventType: "token.refreshed", grantId: { in: seeded.map((s) => s.grantId) } }, _count: true,
    });
    expect(events).toHaveLength(240);
    expect(events.every((e) => e._count === 1)).toBe(true);
    expect(await sweepExpiringGrants()).toMatchObject({ refreshed: 0 });
  });

  it("is fair across providers: a slow provider does not hold up a fast one", async () => {
    const slow = await seed("slow", 24, 60_000);
    const fast = await seed("fast", 24, 60_000);
    h.provider.delayTokenRequests(400, h.clientFor("slow").client_id);
    try {
      const result = await sweepExpiringGrants({ batchSize: 16 });
      expect(result.refreshed).toBe(48);
      const last = async (rows: typeof slow) =>
        Math.max(...(await Promise.all(rows.map(async (r) => (await grant(r.grantId)).lastRefreshedAt!.getTime()))));
      expect(await last(fast)).toBeLessThan((await last(slow)) - 500);
    } finally {
      h.provider.delayTokenRequests(0, h.clientFor("slow").client_id);
    }
  });

  it("stops at the end of its time slice and gives back what it did not start", async () => {
    const seeded = await seed("slice", 40, 60_000);
    const ids40 = seeded.map((s) => s.grantId);
    const since = new Date();
    const refreshedSince = () => getPrisma().oAuthTokenGrant.count({ where: { grantId: { in: ids40 }, lastRefreshedAt: { gt: since } } });
    h.provider.delayTokenRequests(500, h.clientFor("slice").client_id);
    try {
      const result = await sweepExpiringGrants({ timeSliceMs: 300, batchSize: 40 });
      const done = await refreshedSince();
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(40);
      // It stops claiming at the slice's end and waits only for refreshes already started (500 ms each).
      expect(result.duration_ms).toBeLessThan(300 + 500 + 700);
      expect(await getPrisma().oAuthTokenGrant.count({ where: { grantId: { in: ids40 }, refreshLeaseId: { not: null } } })).toBe(0);
      await sweepExpiringGrants({ batchSize: 40 });
      expect(await refreshedSince()).toBe(40);
    } finally {
      h.provider.delayTokenRequests(0, h.clientFor("slice").client_id);
    }
  });

  it("deletes authorization requests that expired more than an hour ago", async () => {
    const db = getPrisma();
    const base = { authenticatorName: "x", authenticatorId: ids.sweep, appId: h.appId, userId: h.owner.id, browserBinding: "b", encryptionKeyId: "none", redirectUri: "http://localhost/cb" };
    await db.oAuthSession.createMany({
      data: [
        { ...base, sessionId: `old-${h.suffix}`, stateToken: `old-${h.suffix}`, expiresAt: new Date(Date.now() - 2 * 3600_000) },
        { ...base, sessionId: `new-${h.suffix}`, stateToken: `new-${h.suffix}`, expiresAt: new Date(Date.now() - 60_000) },
      ],
    });
    expect((await sweepExpiringGrants()).sessions_deleted).toBeGreaterThanOrEqual(1);
    expect(await db.oAuthSession.findMany({ where: { sessionId: { in: [`old-${h.suffix}`, `new-${h.suffix}`] } }, select: { sessionId: true } })).toEqual([
      { sessionId: `new-${h.suffix}` },
    ]);
  });
});

describe("what a review found", () => {
  it("the sweep does not spin on grants it cannot refresh (an unreadable client secret): they cool down", async () => {
    const seeded = await seed("broken", 3, 60_000);
    const db = getPrisma();
    const row = await db.oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: ids.broken } });
    const parts = row.clientSecret.split(":");
    parts[3] = `${parts[3]!.startsWith("A") ? "B" : "A"}${parts[3]!.slice(1)}`;
    await db.oAuthAuthenticator.update({ where: { authenticatorId: ids.broken }, data: { clientSecret: parts.join(":") } });
    const calls = h.tokenCalls();
    const result = await sweepExpiringGrants({ batchSize: 10, timeSliceMs: 3_000 });
    expect(result.batches).toBeLessThan(8);
    expect(h.tokenCalls()).toBe(calls);
    const grants = await db.oAuthTokenGrant.findMany({ where: { grantId: { in: seeded.map((g) => g.grantId) } } });
    for (const g of grants) {
      expect(g.refreshLeaseId).toBeNull();
      expect(g.nextRefreshAfter!.getTime()).toBeGreaterThan(Date.now());
      expect(g.lastError).toBe("secret_unreadable");
    }
    // Disconnecting still works: the tokens go locally, the provider revocation says why it failed.
    const { revokeConnection } = await import("../connections/revoke-connection");
    const outcome = await revokeConnection({ ctx: sessionCtx({ id: seeded[0]!.userId, email: "x@example.com" }), input: { authenticatorId: ids.broken } });
    expect(outcome.provider_revocation).toBe("failed: secret_unreadable");
    expect(await db.oAuthTokenGrant.count({ where: { grantId: seeded[0]!.grantId } })).toBe(0);
  });

  it("a refresh whose lease was taken over still lands its rotated tokens, and undoes a needs_reauth they disprove", async () => {
    const { userId, grantId } = (await seed("restore", 1, -1000))[0]!;
    const db = getPrisma();
    const { loadGrant } = await import("./grant-rows");
    const { saveRefreshedTokens } = await import("./save-refresh-outcome");
    const loaded = (await loadGrant(grantId))!;
    // Meanwhile another holder took the lease and was told invalid_grant (for the token we are rotating).
    await db.oAuthTokenGrant.update({ where: { grantId }, data: { refreshLeaseId: "other-holder", status: "revoked", isRevoked: true } });
    await db.userAppOAuthAuthentication.updateMany({ where: { grantId }, data: { authStatus: "needs_reauth" } });
    const saved = await saveRefreshedTokens(loaded.grant, loaded.settings(), "our-lost-lease", {
      tokens: { access_token: "fresh-access", refresh_token: "fresh-refresh", token_type: "bearer", expires_in: 3600 }, durationMs: 5, attempts: 1,
    });
    expect(saved.kind).toBe("saved");
    expect(await db.oAuthTokenGrant.findUniqueOrThrow({ where: { grantId } })).toMatchObject({ isRevoked: false, status: "active", refreshLeaseId: null });
    expect(await db.userAppOAuthAuthentication.findFirstOrThrow({ where: { grantId } })).toMatchObject({ authStatus: "active" });
    expect((await tokenFor(userId, ids.restore)).access_token).toBe("fresh-access");
  });

  it("the sweep's claim only reserves a grant briefly until it starts refreshing it", async () => {
    await seed("restore", 2, 60_000);
    const { claimDueGrants } = await import("./grant-rows");
    const { releaseLeases } = await import("./refresh-lease");
    const claimed = await claimDueGrants("reserve-check", 100);
    const mine = claimed.filter((c) => c.grant.authenticatorId === ids.restore);
    expect(mine.length).toBeGreaterThan(0);
    for (const c of mine) expect(c.grant.refreshLeaseUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 16_000);
    await releaseLeases(claimed.map((c) => c.grant.grantId), "reserve-check");
  });
});
