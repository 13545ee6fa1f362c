import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAuthenticator } from "../authenticators/delete-authenticator";
import { getConnectionToken } from "../connections/get-connection-token";
import { listConnections } from "../connections/list-connections";
import { revokeConnection } from "../connections/revoke-connection";
import { encryptSecret } from "../crypto/encryption";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { sweepExpiringGrants } from "../jobs/refresh-sweep";
import { apiKeyCtx, sessionCtx } from "../../testing/factories";
import { startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { decryptAccessToken, decryptRefreshToken } from "./decrypt-grant";
import { refreshGrant } from "./refresh-grant";

let h: OAuthHarness;
let id = "";
beforeAll(async () => {
  h = await startOAuthHarness([{ name: "life" }, { name: "gone" }]);
  id = await h.register("life", ["openid", "offline_access", "read"], {
    issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation`,
  });
});
afterAll(async () => h?.provider.stop());

const grantOf = async () => (await h.connection(id))!.grant!;
const expireNow = async () => getPrisma().oAuthTokenGrant.updateMany({ where: { authenticatorId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
const token = (ctx = sessionCtx(h.owner)) => getConnectionToken({ ctx, input: { authenticatorId: id } });
async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "ok";
}

describe("tokens on demand", () => {
  it("serves a valid token without calling the provider, and never returns tokens from the list", async () => {
    await h.connect(id);
    const calls = h.tokenCalls();
    const served = await token();
    expect(served).toMatchObject({ token_type: "Bearer", scopes: expect.arrayContaining(["read"]) });
    expect(h.tokenCalls()).toBe(calls);
    const listed = await listConnections({ ctx: sessionCtx(h.owner), input: { appId: h.appId } });
    expect(listed.find((c) => c.authenticator_id === id)).toMatchObject({ status: "active" });
    expect(JSON.stringify(listed)).not.toContain(served.access_token);
  });

  it("refreshes an expired token first; the new token is accepted by the provider", async () => {
    await expireNow();
    const before = await grantOf();
    const served = await token();
    const after = await grantOf();
    expect(served.access_token).not.toBe(decryptAccessToken(before));
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(decryptRefreshToken(after)).not.toBe(decryptRefreshToken(before));
    expect(await h.introspect("life", served.access_token)).toMatchObject({ active: true });
  });

  it("answers 50 concurrent requests for an expired grant with exactly one refresh at the provider", async () => {
    await expireNow();
    const calls = h.tokenCalls();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => token()));
    expect(h.tokenCalls() - calls).toBe(1);
    expect(new Set(tokens.map((t) => t.access_token)).size).toBe(1);
  });

  it("refreshes exactly once when two app processes ask at the same moment", async () => {
    await expireNow();
    const grant = await grantOf();
    h.provider.delayTokenRequests(800);
    const child = spawn("node", ["--conditions=react-server", "--import", "tsx", "e2e/fixtures/refresh-race.ts", grant.grantId, "25"], {
      env: { ...process.env }, stdio: ["pipe", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    while (!output.includes("ready")) await once(child.stdout, "data");
    const calls = h.tokenCalls();
    child.stdin.end("go\n");
    const mine = await Promise.all(Array.from({ length: 25 }, () => refreshGrant(grant.grantId)));
    await once(child, "exit");
    h.provider.delayTokenRequests(0);
    const theirs = JSON.parse(output.split("\n").find((l) => l.startsWith("["))!) as string[];
    expect(h.tokenCalls() - calls).toBe(1);
    expect(new Set([...mine.map((o) => decryptAccessToken(o!.grant)), ...theirs]).size).toBe(1);
  });

  it("fails fast with provider_unavailable after bounded retries, then cools down without calling again", async () => {
    await expireNow();
    h.provider.failTokenRequests(100);
    const calls = h.tokenCalls();
    expect(await failure(token())).toBe("provider_unavailable");
    expect(h.tokenCalls() - calls).toBe(3);
    expect(await failure(token())).toBe("provider_unavailable");
    expect(h.tokenCalls() - calls).toBe(3);
    const grant = await grantOf();
    expect(grant.refreshFailureCount).toBe(1);
    expect(grant.nextRefreshAfter!.getTime()).toBeGreaterThan(Date.now());
    h.provider.failTokenRequests(0);
    await getPrisma().oAuthTokenGrant.update({ where: { grantId: grant.grantId }, data: { nextRefreshAfter: null } });
    expect((await token()).access_token).toBeTruthy();
    expect((await grantOf()).refreshFailureCount).toBe(0);
  });

  it("marks the connection needs_reauth when a rotated-away refresh token is replayed", async () => {
    const old = await grantOf();
    const oldRefresh = decryptRefreshToken(old)!;
    await expireNow();
    await token(); // rotates the refresh token
    const current = await grantOf();
    // Put the old refresh token back, as a stale copy elsewhere would use it.
    await getPrisma().oAuthTokenGrant.update({
      where: { grantId: current.grantId },
      data: { refreshToken: encryptSecret(oldRefresh, { table: "oauth_token_grants", rowId: current.grantId, field: "refresh_token" }).ciphertext, expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await failure(token())).toBe("reauthorization_required");
    expect(await h.connection(id)).toMatchObject({ authStatus: "needs_reauth" });
    expect(await failure(token())).toBe("reauthorization_required");
    const event = await getPrisma().oAuthEvent.findFirst({ where: { authenticatorId: id, eventType: "token.refresh_failed" }, orderBy: { id: "desc" } });
    expect(event?.details).toMatchObject({ error: "invalid_grant", result: "needs_reauth" });
  });
});

describe("permissions", () => {
  it("needs tokens:read, and lets only owners act for another user", async () => {
    await h.connect(id); // reconnect after needs_reauth
    expect(await failure(token(apiKeyCtx(h.owner, ["connections:read"])))).toBe("insufficient_scope");
    expect((await token(apiKeyCtx(h.owner, ["tokens:read"]))).access_token).toBeTruthy();
    expect(await failure(getConnectionToken({ ctx: sessionCtx(h.member), input: { authenticatorId: id, userId: h.owner.id } }))).toBe("insufficient_role");
    expect(await failure(getConnectionToken({ ctx: sessionCtx(h.member), input: { authenticatorId: id } }))).toBe("connection_not_found");
  });
});

describe("the background sweep", () => {
  it("refreshes a grant that nobody asked for, once, even with two sweeps at the same time", async () => {
    await getPrisma().oAuthTokenGrant.updateMany({ where: { authenticatorId: id }, data: { expiresAt: new Date(Date.now() + 60_000), lastRefreshedAt: new Date(Date.now() - 3_540_000) } });
    const before = await grantOf();
    const calls = h.tokenCalls();
    const [a, b] = await Promise.all([sweepExpiringGrants(), sweepExpiringGrants()]);
    expect(a.refreshed + b.refreshed).toBe(1);
    expect(h.tokenCalls() - calls).toBe(1);
    const after = await grantOf();
    expect(after.lastRefreshedAt!.getTime()).toBeGreaterThan(before.lastRefreshedAt!.getTime());
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
  });
});

describe("disconnecting", () => {
  it("revokes at the provider, then removes the tokens, and records it", async () => {
    const grant = await grantOf();
    const access = decryptAccessToken(grant);
    const result = await revokeConnection({ ctx: sessionCtx(h.owner), input: { authenticatorId: id } });
    expect(result.provider_revocation).toBe("revoked");
    expect(await h.introspect("life", access)).toMatchObject({ active: false });
    expect(await getPrisma().oAuthTokenGrant.count({ where: { authenticatorId: id, userId: h.owner.id } })).toBe(0);
    expect(await h.connection(id)).toMatchObject({ authStatus: "revoked", isActive: false, grantId: null });
    const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", process.env.DATABASE_URL!], { maxBuffer: 64 << 20 });
    expect(stdout).not.toContain(access);
    expect(await failure(token())).toBe("connection_not_found");
    const event = await getPrisma().oAuthEvent.findFirst({ where: { authenticatorId: id, eventType: "oauth.disconnected" } });
    expect(event?.details).toMatchObject({ provider_revocation: "revoked", tokens_removed_locally: true });
  });

  it("still removes the tokens locally when the provider cannot be reached", async () => {
    await h.connect(id);
    await getPrisma().oAuthAuthenticator.update({
      where: { authenticatorId: id },
      data: { configuration: { issuer: h.provider.issuer, revocation_url: "http://127.0.0.1:9/revoke" } },
    });
    const result = await revokeConnection({ ctx: sessionCtx(h.owner), input: { authenticatorId: id } });
    expect(result.provider_revocation).toMatch(/^failed: /);
    expect(await getPrisma().oAuthTokenGrant.count({ where: { authenticatorId: id, userId: h.owner.id } })).toBe(0);
  });
});

describe("npm run worker", () => {
  it("refreshes expiring grants in its own process and stops cleanly on SIGTERM", async () => {
    await h.connect(id);
    await getPrisma().oAuthTokenGrant.updateMany({ where: { authenticatorId: id }, data: { expiresAt: new Date(Date.now() + 30_000), lastRefreshedAt: new Date(Date.now() - 3_570_000) } });
    const before = await grantOf();
    const worker = spawn("node", ["--conditions=react-server", "--import", "tsx", "lib/scripts/worker.ts"], {
      env: { ...process.env, REFRESH_SWEEP_INTERVAL_MS: "500", LOG_LEVEL: "silent" }, stdio: "ignore",
    });
    try {
      for (let i = 0; i < 100; i++) {
        const now = await grantOf();
        if (now.lastRefreshedAt!.getTime() > before.lastRefreshedAt!.getTime()) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await grantOf()).expiresAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
    } finally {
      worker.kill("SIGTERM");
      const [code] = await once(worker, "exit");
      expect(code).toBe(0);
    }
  });
});

describe("deleting an authenticator", () => {
  it("revokes its users' tokens at the provider before the rows go", async () => {
    const gone = await h.register("gone", ["openid", "offline_access"], { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` });
    await h.connect(gone);
    const grant = (await h.connection(gone))!.grant!;
    const access = decryptAccessToken(grant);
    expect(await h.introspect("gone", access)).toMatchObject({ active: true });
    await deleteAuthenticator({ ctx: sessionCtx(h.owner), authenticatorId: gone });
    expect(await h.introspect("gone", access)).toMatchObject({ active: false });
    expect(await getPrisma().oAuthTokenGrant.count({ where: { grantId: grant.grantId } })).toBe(0);
    const event = await getPrisma().oAuthEvent.findFirst({ where: { authenticatorId: gone, eventType: "authenticator.deleted" } });
    expect(event?.details).toMatchObject({ connections_removed: 1, provider_revocation: { revoked: 1, failed: 0 } });
  });
});

describe("the token fast path", () => {
  it("serves only a fresh, valid, in-scope token for the key's own user, and declines everything else", async () => {
    const { serveTokenFast } = await import("../connections/serve-token-fast");
    const { createApiKey } = await import("../api-keys/create-api-key");
    await h.connect(id);
    const key = (await createApiKey({ ctx: sessionCtx(h.owner), input: { name: "fast", scopes: ["tokens:read"] } })).key;
    const narrow = (await createApiKey({ ctx: sessionCtx(h.owner), input: { name: "narrow", scopes: ["connections:read"] } })).key;
    // Bookkeeping not yet done (last_used_at unset): the regular path must run first.
    expect(await serveTokenFast(key, id, null)).toBeNull();
    const regular = await getConnectionToken({ ctx: apiKeyCtx(h.owner, ["tokens:read"]), input: { authenticatorId: id } });
    await getPrisma().apiKey.updateMany({ where: { userId: h.owner.id }, data: { lastUsedAt: new Date() } });
    expect(await serveTokenFast(key, id, null)).toEqual(regular);
    expect(await serveTokenFast(key, id, "another-app")).toBeNull();
    expect(await serveTokenFast(narrow, id, null)).toBeNull();
    expect(await serveTokenFast("fw_live_unknown", id, null)).toBeNull();
    await expireNow();
    expect(await serveTokenFast(key, id, null)).toBeNull();
  });
});

describe("removing a member", () => {
  it("ends their connections: tokens revoked at the provider, connection inactive", async () => {
    const { removeMember } = await import("../apps/remove-member");
    await getPrisma().oAuthAuthenticator.update({
      where: { authenticatorId: id },
      data: { configuration: { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` } },
    });
    await h.connect(id, h.member);
    const grant = (await h.connection(id, h.member.id))!.grant!;
    const access = decryptAccessToken(grant);
    await removeMember({ ctx: sessionCtx(h.owner), appId: h.appId, userId: h.member.id });
    expect(await h.introspect("life", access)).toMatchObject({ active: false });
    expect(await h.connection(id, h.member.id)).toMatchObject({ isActive: false, grantId: null, authStatus: "revoked" });
  });
});
