import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { createApiKey } from "../api-keys/create-api-key";
import { getConnectionToken } from "../connections/get-connection-token";
import { listConnections } from "../connections/list-connections";
import { serveTokenFast } from "../connections/serve-token-fast";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { apiKeyCtx, createAppWith, sessionCtx } from "../../testing/factories";
import { startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";

// The token fast path (production server) and the regular route must apply the same rules. Both
// are fed the same cases; wherever the fast path serves, the route serves the same token, and
// wherever the route refuses, the fast path declines. Where the route serves without writing
// anything, the fast path must serve too (no drift in either direction).
let h: OAuthHarness;
let id = "";
let otherApp = "";
let key = "";

beforeAll(async () => {
  h = await startOAuthHarness([{ name: "pol" }]);
  id = await h.register("pol", ["openid", "offline_access", "read"], { issuer: h.provider.issuer });
  await h.connect(id);
  otherApp = await createAppWith([{ userId: h.owner.id, role: "owner" }]);
  key = (await createApiKey({ ctx: sessionCtx(h.owner), input: { name: "policy", scopes: ["tokens:read"] } })).key;
});
afterAll(async () => h?.provider.stop());

type KeyState = { scopes?: string[]; revoked?: boolean; expired?: boolean; app?: "none" | "same" | "other" };
type Case = {
  key: KeyState; appParam: "none" | "same" | "other"; status: string; grantRevoked: boolean; expiry: "fresh" | "window" | "expired";
};

async function arrange(c: Case) {
  const db = getPrisma();
  const now = Date.now();
  await db.apiKey.updateMany({
    where: { userId: h.owner.id, name: "policy" },
    data: {
      scopes: c.key.scopes ?? ["tokens:read"], revokedAt: c.key.revoked ? new Date(now - 1000) : null, expiresAt: c.key.expired ? new Date(now - 1000) : null,
      appId: c.key.app === "same" ? h.appId : c.key.app === "other" ? otherApp : null, lastUsedAt: new Date(now),
    },
  });
  const connection = (await h.connection(id))!;
  await db.userAppOAuthAuthentication.update({ where: { authId: connection.authId }, data: { authStatus: c.status, lastUsedAt: new Date(now) } });
  const expiry = { fresh: [3600_000, 0], window: [120_000, 3_480_000], expired: [-1000, 3_600_000] }[c.expiry];
  await db.oAuthTokenGrant.update({
    where: { grantId: connection.grantId! },
    data: { isRevoked: c.grantRevoked, expiresAt: new Date(now + expiry[0]!), lastRefreshedAt: new Date(now - expiry[1]!), nextRefreshAfter: null },
  });
}

const appParam = (p: Case["appParam"]) => (p === "same" ? h.appId : p === "other" ? otherApp : null);

async function route(c: Case): Promise<{ token?: string; code?: string }> {
  try {
    const actor = await authenticateApiKey(key);
    const token = await getConnectionToken({ ctx: { actor, requestId: "policy" }, input: { authenticatorId: id, appId: appParam(c.appParam) } });
    return { token: token.access_token };
  } catch (error) {
    if (error instanceof AppError) return { code: error.code };
    throw error;
  }
}

const cases: Case[] = [];
const keys: KeyState[] = [{}, { scopes: ["*"] }, { scopes: ["connections:read"] }, { revoked: true }, { expired: true }, { app: "same" }, { app: "other" }];
for (const k of keys) for (const p of ["none", "same", "other"] as const) cases.push({ key: k, appParam: p, status: "active", grantRevoked: false, expiry: "fresh" });
for (const status of ["active", "insufficient_scopes", "needs_reauth", "revoked"]) {
  for (const grantRevoked of [false, true]) for (const expiry of ["fresh", "window", "expired"] as const) cases.push({ key: {}, appParam: "none", status, grantRevoked, expiry });
}

describe("one credentials policy for both token paths", () => {
  it(`agrees on ${cases.length} cases`, async () => {
    const table: string[] = [];
    for (const c of cases) {
      await arrange(c);
      const before = (await h.connection(id))!.grant!.accessToken;
      const fast = await serveTokenFast(key, id, appParam(c.appParam));
      const slow = await route(c);
      const refreshed = (await h.connection(id))!.grant!.accessToken !== before;
      table.push(`${JSON.stringify(c)} fast=${fast ? "serve" : "decline"} route=${slow.code ?? (refreshed ? "refresh" : "serve")}`);
      if (fast) expect(slow.token, table.at(-1)).toBe(fast.access_token);
      if (slow.code) expect(fast, table.at(-1)).toBeNull();
      if (slow.token && !refreshed) expect(fast, table.at(-1)).not.toBeNull();
    }
    // The matrix covers every kind of answer.
    const answers = new Set(table.map((row) => row.split(" route=")[1]));
    expect([...answers].sort()).toEqual(
      ["api_key_expired", "api_key_revoked", "app_restricted", "authenticator_not_found", "insufficient_scope", "reauthorization_required", "refresh", "serve"].sort(),
    );
  });
});

describe("empty parameters", () => {
  it("never make the fast path serve the key's own token where the route refuses (empty app_id or end_user_id)", async () => {
    await arrange({ key: {}, appParam: "none", status: "active", grantRevoked: false, expiry: "fresh" });
    expect(await serveTokenFast(key, id, null)).not.toBeNull();
    for (const [appId, endUserId] of [["", null], [" ", null], [null, ""], [null, " "]] as const) {
      expect(await serveTokenFast(key, id, appId, endUserId), JSON.stringify([appId, endUserId])).toBeNull();
    }
    const { connectionQuerySchema } = await import("../../schemas/connections");
    expect(connectionQuerySchema.safeParse({ end_user_id: "" }).success).toBe(false);
    expect(connectionQuerySchema.safeParse({ app_id: " " }).success).toBe(false);
  });
});

describe("app restriction when listing connections", () => {
  it("refuses a key restricted to app A that names app B, instead of listing app B", async () => {
    const ctx = apiKeyCtx(h.owner, ["connections:read"], h.appId);
    await expect(listConnections({ ctx, input: { appId: otherApp } })).rejects.toMatchObject({ code: "app_restricted" });
    const own = await listConnections({ ctx, input: {} });
    expect(own.every((c) => c.app_id === h.appId)).toBe(true);
    expect(own.length).toBeGreaterThan(0);
  });
});
