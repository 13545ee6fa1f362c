import { describe, expect, it } from "vitest";
import { requireScope } from "../auth/actor";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { apiKeyCtx, createAppWith, createUser, sessionCtx } from "../../testing/factories";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

async function code(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === "function" ? promise() : promise);
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status}:${error.code}` : String(error);
  }
}

describe("API keys", () => {
  it("shows the key once and stores only its SHA-256 and a prefix", async () => {
    const user = await createUser("keys");
    const created = await createApiKey({ ctx: sessionCtx(user), input: { name: "CI", scopes: ["authenticators:read"] } });
    expect(created.key).toMatch(/^fw_live_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    const row = await getPrisma().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await listApiKeys({ ctx: sessionCtx(user) });
    expect(listed.map((k) => k.id)).toEqual([created.id]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const event = await getPrisma().oAuthEvent.findFirstOrThrow({ where: { eventType: "api_key.created", actorUserId: user.id } });
    expect(JSON.stringify(event.details)).not.toContain(created.key);
  });

  it("authenticates a key as its user with its scopes and app, and records last use", async () => {
    const user = await createUser("agent");
    const appId = await createAppWith([{ userId: user.id, role: "member" }]);
    const created = await createApiKey({ ctx: sessionCtx(user), input: { name: "agent", app_id: appId, scopes: ["tokens:read"] } });
    const actor = await authenticateApiKey(created.key);
    expect(actor).toMatchObject({ userId: user.id, via: "api_key", appRestriction: appId });
    expect([...actor.scopes]).toEqual(["tokens:read"]);
    expect((await getPrisma().apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses unknown, malformed, revoked and expired keys with 401", async () => {
    const user = await createUser("revoked");
    const ctx = sessionCtx(user);
    const revoked = await createApiKey({ ctx, input: { name: "old" } });
    await revokeApiKey({ ctx, keyId: revoked.id });
    const expired = await createApiKey({ ctx, input: { name: "expired", expires_in_days: 1 } });
    await getPrisma().apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await code(authenticateApiKey(revoked.key))).toBe("401:api_key_revoked");
    expect(await code(authenticateApiKey(expired.key))).toBe("401:api_key_expired");
    expect(await code(authenticateApiKey(`${revoked.key.slice(0, -2)}xx`))).toBe("401:invalid_api_key");
    expect(await code(authenticateApiKey("not-a-key"))).toBe("401:invalid_api_key");
  });

  it("refuses a key without the scope an action needs", async () => {
    const user = await createUser("scoped");
    const ctx = apiKeyCtx(user, ["authenticators:read", "connections:read"]);
    expect(await code(() => requireScope(ctx, "tokens:read"))).toBe("403:insufficient_scope");
    expect(await code(() => requireScope(ctx, "authenticators:write"))).toBe("403:insufficient_scope");
    expect(await code(() => requireScope(ctx, "authenticators:read"))).toBe("ok");
  });

  it("lets only the owner of a key revoke it, and never lets a key mint keys", async () => {
    const [alice, bob] = await Promise.all([createUser("alice"), createUser("bob")]);
    const key = await createApiKey({ ctx: sessionCtx(alice), input: { name: "alice's" } });
    expect(await code(revokeApiKey({ ctx: sessionCtx(bob), keyId: key.id }))).toBe("404:api_key_not_found");
    expect(await code(createApiKey({ ctx: apiKeyCtx(alice, ["tokens:read"]), input: { name: "escalate" } }))).toBe("403:session_required");
    expect((await getPrisma().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
  });

  it("refuses an app restriction to an app the user is not in, and bad input, creating nothing", async () => {
    const user = await createUser("stranger");
    const foreignApp = await createAppWith([]);
    const before = await getPrisma().apiKey.count({ where: { userId: user.id } });
    expect(await code(createApiKey({ ctx: sessionCtx(user), input: { name: "x", app_id: foreignApp } }))).toBe("404:app_not_found");
    await expect(createApiKey({ ctx: sessionCtx(user), input: { name: "", scopes: [] } })).rejects.toThrow(/Name is required/);
    expect(await getPrisma().apiKey.count({ where: { userId: user.id } })).toBe(before);
  });
});
