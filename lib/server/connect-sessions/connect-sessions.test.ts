import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeAtProvider } from "../../../e2e/fixtures/provider-login";
import { CONNECT_SESSION_MAX_FLOWS, createConnectSessionSchema, endUserIdSchema } from "../../schemas/end-users";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { createApiKey } from "../api-keys/create-api-key";
import { connectSessionPreflight } from "../api/cors";
import type { AuthedContext } from "../auth/actor";
import { authenticate } from "../api/with-api-auth";
import { completeConnection } from "../connections/complete-connection";
import { getConnectionToken } from "../connections/get-connection-token";
import { listConnections } from "../connections/list-connections";
import { revokeConnection } from "../connections/revoke-connection";
import { serveTokenFast } from "../connections/serve-token-fast";
import { sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { deleteEndUser } from "../end-users/delete-end-user";
import { listEndUsers } from "../end-users/list-end-users";
import { AppError } from "../errors";
import { apiKeyCtx, createAppWith, createUser, sessionCtx } from "../../testing/factories";
import { APP, startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { authenticateConnectSession } from "./find-connect-session";
import { createConnectSession } from "./create-connect-session";
import { finishConnectFlow } from "./finish-connect-flow";
import { startEndUserConnection } from "./start-end-user-connection";

// Issue 11: end users of an app's own product, connect sessions, the hosted flow and the backend by
// end user, against the real authorization server and database.
let h: OAuthHarness;
let id = "";
let other = "";
let appB = "";
let idB = "";
const ORIGIN = "https://app.example.com";

beforeAll(async () => {
  h = await startOAuthHarness([{ name: "eu" }, { name: "eu-off" }, { name: "eu-b" }]);
  id = await h.register("eu", ["openid", "offline_access", "read"], { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` });
  other = await h.register("eu-off", ["read"]);
  await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: other }, data: { isActive: false } });
  const ownerB = await createUser("owner-b");
  appB = await createAppWith([{ userId: ownerB.id, role: "owner" }, { userId: h.owner.id, role: "member" }]);
  idB = await h.register("eu-b", ["read"]);
  await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId: idB }, data: { appId: appB } });
});
afterAll(async () => h?.provider.stop());

const backend = (scopes: Parameters<typeof apiKeyCtx>[1] = ["connect:write", "tokens:read", "connections:read", "connections:write"], app = h.appId) =>
  apiKeyCtx(h.owner, scopes, app);
const mint = (input: Record<string, unknown> = {}, ctx: AuthedContext = backend()) =>
  createConnectSession({
    ctx,
    input: createConnectSessionSchema.parse({ end_user: { id: "u_123", email: "u123@customer.test" }, allowed_authenticators: [id], allowed_origins: [ORIGIN], return_to: `${ORIGIN}/settings`, ...input }),
  });
async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return `${error.status}:${error.code}`;
    throw error;
  }
}

/** The end user's whole flow, as the hosted page or the SDK drives it, up to where the browser lands. */
async function connectEndUser(token: string, options: { mode?: "redirect" | "popup"; origin?: string; nonce?: string; login?: string; deny?: boolean } = {}) {
  const started = await startEndUserConnection({
    ctx: { actor: null, requestId: "t" },
    input: { token, authenticatorId: id, mode: options.mode ?? "redirect", origin: options.origin, nonce: options.nonce },
  });
  const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/`, login: options.login ?? "end-user-123", deny: options.deny });
  // No FiberWise sign-in in this browser: the binding cookie is what ties the callback to the start.
  const { location } = await completeConnection({ ctx: { actor: null, requestId: "t" }, input: { authenticatorId: id, params: callback.searchParams, userId: null, binding: started.binding } });
  const done = new URL(location, APP);
  expect(done.pathname).toBe("/connect/complete");
  const q = done.searchParams;
  return finishConnectFlow({
    sessionId: q.get("cs")!, mode: q.get("mode"), origin: q.get("origin"), nonce: q.get("nonce"), returnTo: q.get("return_to"),
    outcome: { authenticatorId: q.get("oauth_callback")!, status: q.get("status") === "success" ? "success" : "error", error: q.get("error") ?? undefined },
  });
}

describe("connect sessions", () => {
  it("mint a 30-minute token for one end user, stored only as a hash, and record it", async () => {
    const before = Date.now();
    const session = await mint();
    expect(session.token).toMatch(/^fw_cs_[A-Za-z0-9_-]{43}$/);
    expect(session.connect_url).toBe(`${APP}/connect/${session.token}`);
    const expires = Date.parse(session.expires_at) - before;
    expect(expires).toBeGreaterThan(29 * 60_000);
    expect(expires).toBeLessThanOrEqual(30 * 60_000 + 1000);
    const row = await getPrisma().connectSession.findUniqueOrThrow({ where: { id: session.id }, include: { user: { include: { endUser: true } } } });
    expect(row.tokenHash).toBe(sha256Hex(session.token));
    expect(row.user).toMatchObject({ kind: "end_user", email: null, passwordHash: null });
    expect(row.user.endUser).toMatchObject({ appId: h.appId, endUserId: "u_123", email: "u123@customer.test" });
    const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", process.env.DATABASE_URL!], { maxBuffer: 64 << 20 });
    expect(stdout).not.toContain(session.token);
    const event = await getPrisma().oAuthEvent.findFirst({ where: { eventType: "connect_session.created", appId: h.appId }, orderBy: { id: "desc" } });
    expect(event?.details).toMatchObject({ end_user_id: "u_123", allowed_authenticators: [id], allowed_origins: [ORIGIN] });
    expect(JSON.stringify(event?.details)).not.toContain(session.token);
    // A second session for the same id is the same end user.
    const again = await mint({ end_user: { id: "u_123", display_name: "Una" } });
    const second = await getPrisma().connectSession.findUniqueOrThrow({ where: { id: again.id } });
    expect(second.userId).toBe(row.userId);
    expect(await getPrisma().endUser.findUniqueOrThrow({ where: { userId: row.userId } })).toMatchObject({ displayName: "Una", email: "u123@customer.test" });
  });

  it("refuse bad requests with stable codes and change nothing", async () => {
    const count = () => getPrisma().connectSession.count();
    const before = await count();
    expect(await code(mint({ allowed_authenticators: ["no-such-authenticator"] }))).toBe("422:unknown_authenticator");
    expect(await code(mint({ allowed_authenticators: [other] }))).toBe("422:authenticator_disabled");
    expect(await code(mint({ allowed_authenticators: [idB] }))).toBe("422:unknown_authenticator");
    expect(await code(mint({ allowed_origins: ["https://app.example.com/path"], return_to: undefined }))).toBe("422:invalid_origin");
    expect(await code(mint({ allowed_origins: ["http://app.example.com"], return_to: undefined }))).toBe("422:invalid_origin");
    expect(await code(mint({ allowed_origins: ["https://user:pw@app.example.com"], return_to: undefined }))).toBe("422:invalid_origin");
    expect(await code(mint({ return_to: "https://evil.example/settings" }))).toBe("422:return_to_not_allowed");
    expect(await code(mint({}, backend(["tokens:read"])))).toBe("403:insufficient_scope");
    expect(await code(mint({}, apiKeyCtx(h.member, ["connect:write"], h.appId)))).toBe("403:insufficient_role");
    expect(await code(mint({ app_id: appB }))).toBe("403:app_restricted");
    expect(await code(mint({}, backend(undefined, appB)))).toBe("403:insufficient_role");
    expect(await count()).toBe(before);
    // Loopback origins are allowed where loopback providers are (tests and development).
    expect((await mint({ allowed_origins: ["http://127.0.0.2:3102"], return_to: "http://127.0.0.2:3102/back" })).allowed_origins).toEqual(["http://127.0.0.2:3102"]);
  });

  it("validate the end user id: 1–255 printable characters", () => {
    for (const ok of ["u_123", "user@example.com", "42", "ünïcode-😀", "a".repeat(255)]) expect(endUserIdSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["", "a".repeat(256), "tab\there", "nul\u0000", "line\nbreak", "\u200b", "\ud800"]) expect(endUserIdSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe("a connect session token", () => {
  it("lists and disconnects its end user's connections, never reads a token, and is refused elsewhere", async () => {
    const session = await mint({ end_user: { id: "u_scope" } });
    const actor = await authenticateConnectSession(session.token);
    const ctx = { actor, requestId: "t" };
    expect(await listConnections({ ctx, input: {} })).toEqual([]);
    expect(await code(getConnectionToken({ ctx, input: { authenticatorId: id } }))).toBe("403:insufficient_scope");
    expect(await code(listConnections({ ctx, input: { endUserId: "u_123" } }))).toBe("403:connect_session_scope");
    const bearer = (path: string, init: RequestInit = {}) => new Request(`${APP}${path}`, { ...init, headers: { authorization: `Bearer ${session.token}`, ...init.headers } });
    expect(await code(authenticate(bearer("/api/v1/apps"), "t"))).toBe("403:connect_session_not_allowed");
    expect(await code(authenticate(bearer("/api/v1/credentials/connections", { headers: { origin: "https://evil.example" } }), "t", { connectSession: true }))).toBe(
      "403:origin_not_allowed",
    );
    await getPrisma().connectSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await code(authenticateConnectSession(session.token))).toBe("401:connect_session_expired");
    expect(await code(authenticateConnectSession("fw_cs_unknown"))).toBe("401:invalid_connect_session");
  });

  it("answers CORS only to its session's origins, and never for API keys", async () => {
    const session = await mint({ end_user: { id: "u_cors" }, allowed_origins: ["https://cors.example.com"], return_to: undefined });
    const preflight = (origin: string) =>
      connectSessionPreflight(new Request(`${APP}/api/v1/credentials/connections`, { method: "OPTIONS", headers: { origin, "access-control-request-headers": "authorization" } }));
    const allowed = await preflight("https://cors.example.com");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://cors.example.com");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    expect((await preflight("https://elsewhere.example")).headers.get("access-control-allow-origin")).toBeNull();

    const { GET } = await import("../../../app/api/v1/credentials/connections/route");
    const call = (token: string, origin: string) => GET(new Request(`${APP}/api/v1/credentials/connections`, { headers: { authorization: `Bearer ${token}`, origin } }), { params: Promise.resolve({}) });
    const ok = await call(session.token, "https://cors.example.com");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://cors.example.com");
    expect(ok.headers.get("access-control-allow-credentials")).toBeNull();
    const wrong = await call(session.token, "https://elsewhere.example");
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get("access-control-allow-origin")).toBeNull();
    const key = (await createApiKey({ ctx: sessionCtx(h.owner), input: { name: "cors", scopes: ["connections:read"] } })).key;
    const byKey = await call(key, "https://cors.example.com");
    expect(byKey.status).toBe(200);
    expect(byKey.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("an end user connects", () => {
  it("through the hosted flow, back to return_to; the backend then gets a token by end_user_id that the provider accepts", async () => {
    const session = await mint();
    const finish = await connectEndUser(session.token);
    expect(finish).toMatchObject({ kind: "redirect" });
    const back = new URL((finish as { location: string }).location);
    expect(back.origin + back.pathname).toBe(`${ORIGIN}/settings`);
    expect(Object.fromEntries(back.searchParams)).toEqual({ oauth_callback: id, status: "success" });

    const token = await getConnectionToken({ ctx: backend(["tokens:read"]), input: { authenticatorId: id, endUserId: "u_123" } });
    expect(await h.introspect("eu", token.access_token)).toMatchObject({ active: true });
    const listed = await listConnections({ ctx: await sessionCtxOf(session.token), input: {} });
    expect(listed).toMatchObject([{ authenticator_id: id, status: "active" }]);
    expect(JSON.stringify(listed)).not.toContain(token.access_token);
    const event = await getPrisma().oAuthEvent.findFirst({ where: { eventType: "oauth.connect_succeeded", authenticatorId: id }, orderBy: { id: "desc" } });
    expect(event?.details).toMatchObject({ end_user_id: "u_123" });

    // The token fast path serves the same request (an app-restricted key of an owner) once bookkeeping is fresh.
    const key = (await createApiKey({ ctx: sessionCtx(h.owner), input: { name: "eu-fast", scopes: ["tokens:read"], app_id: h.appId } })).key;
    expect(await serveTokenFast(key, id, null, "u_123")).toBeNull();
    const regular = await getConnectionToken({ ctx: { actor: await authenticateApiKey(key), requestId: "t" }, input: { authenticatorId: id, endUserId: "u_123" } });
    expect(await serveTokenFast(key, id, null, "u_123")).toEqual(regular);
    // A member's key (not owner or developer) may not read end users' tokens, on either path.
    await getPrisma().apiKey.updateMany({ where: { name: "eu-fast" }, data: { lastUsedAt: new Date() } });
    const memberKey = (await createApiKey({ ctx: sessionCtx(h.member), input: { name: "eu-member", scopes: ["tokens:read"], app_id: h.appId } })).key;
    await getPrisma().apiKey.updateMany({ where: { name: "eu-member" }, data: { lastUsedAt: new Date() } });
    expect(await serveTokenFast(memberKey, id, null, "u_123")).toBeNull();
    expect(await code(getConnectionToken({ ctx: { actor: await authenticateApiKey(memberKey), requestId: "t" }, input: { authenticatorId: id, endUserId: "u_123" } }))).toBe(
      "403:insufficient_role",
    );
  });

  it("in a popup: the answer goes only to the allowed opener origin, with its nonce; a denied consent is an error", async () => {
    const session = await mint({ end_user: { id: "u_popup" } });
    expect(await code(connectEndUser(session.token, { mode: "popup", origin: "https://evil.example" }))).toBe("422:origin_not_allowed");
    const finish = await connectEndUser(session.token, { mode: "popup", origin: ORIGIN, nonce: "n0nce-123456" });
    expect(finish).toEqual({ kind: "popup", targetOrigin: ORIGIN, message: { type: "fiberwise:connect", authenticator_id: id, status: "success", nonce: "n0nce-123456" } });
    const denied = await connectEndUser(session.token, { mode: "popup", origin: ORIGIN, nonce: "n0nce-654321", deny: true });
    expect(denied).toMatchObject({ kind: "popup", message: { status: "error", error: "access_denied", nonce: "n0nce-654321" } });
  });

  it("is refused for an authenticator the session does not offer, and once the session is used up", async () => {
    const session = await mint({ end_user: { id: "u_used" } });
    const start = (authenticatorId = id) => startEndUserConnection({ ctx: { actor: null, requestId: "t" }, input: { token: session.token, authenticatorId, mode: "redirect" } });
    expect(await code(start(other))).toBe("422:authenticator_not_allowed");
    for (let i = 0; i < CONNECT_SESSION_MAX_FLOWS; i++) await start();
    expect(await code(start())).toBe("410:connect_session_used_up");
    await getPrisma().connectSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await code(start())).toBe("410:connect_session_expired");
  });

  it("is isolated per app: app B's key cannot read app A's u_123, even with its own u_123", async () => {
    const ownerB = (await getPrisma().appMember.findFirstOrThrow({ where: { appId: appB, role: "owner" }, include: { user: true } })).user;
    const ctxB = apiKeyCtx(ownerB, ["tokens:read", "connect:write", "connections:read"], appB);
    await createConnectSession({ ctx: ctxB, input: createConnectSessionSchema.parse({ end_user: { id: "u_123" }, allowed_authenticators: [idB] }) });
    expect(await code(getConnectionToken({ ctx: ctxB, input: { authenticatorId: id, endUserId: "u_123" } }))).toBe("404:connection_not_found");
    expect(await code(getConnectionToken({ ctx: ctxB, input: { authenticatorId: id, endUserId: "u_123", appId: h.appId } }))).toBe("403:app_restricted");
    const unrestrictedB = apiKeyCtx(ownerB, ["tokens:read"]);
    expect(await code(getConnectionToken({ ctx: unrestrictedB, input: { authenticatorId: id, endUserId: "u_123", appId: h.appId } }))).toBe("404:app_not_found");
    expect(await code(getConnectionToken({ ctx: unrestrictedB, input: { authenticatorId: id, endUserId: "u_123" } }))).toBe("422:app_id_required");
    expect(await listConnections({ ctx: ctxB, input: { endUserId: "u_123" } })).toEqual([]);
  });
});

describe("the app's end users", () => {
  it("are listed with their connections, searched, filtered by tag and status, and paged", async () => {
    await mint({ end_user: { id: "u_tagged", email: "tagged@customer.test", tags: { plan: "pro", region: "eu" } } });
    await mint({ end_user: { id: "u_free", tags: { plan: "free" } } });
    const list = (input: Record<string, unknown>) => listEndUsers({ ctx: backend(["connections:read"]), input: { limit: 50, ...input } as never });
    const all = await list({});
    expect(all.end_users.map((u) => u.id)).toEqual(expect.arrayContaining(["u_123", "u_tagged", "u_free"]));
    expect(all.end_users.find((u) => u.id === "u_123")!.connections).toMatchObject([{ authenticator_id: id, status: "active" }]);
    expect((await list({ q: "TAGGED@" })).end_users.map((u) => u.id)).toEqual(["u_tagged"]);
    expect((await list({ tag: ["plan:pro", "region:eu"] })).end_users.map((u) => u.id)).toEqual(["u_tagged"]);
    expect((await list({ tag: ["plan:pro", "region:us"] })).end_users).toEqual([]);
    expect((await list({ status: "active" })).end_users.map((u) => u.id)).toEqual(expect.arrayContaining(["u_123"]));
    expect((await list({ status: "active" })).end_users.map((u) => u.id)).not.toContain("u_free");
    const first = await list({ limit: 2 });
    expect(first.end_users).toHaveLength(2);
    const second = await list({ limit: 2, cursor: first.next_cursor });
    expect(second.end_users.map((u) => u.id)).not.toContain(first.end_users[0]!.id);
    expect(await code(list({ cursor: "nope" }))).toBe("422:invalid_cursor");
    expect(await code(listEndUsers({ ctx: apiKeyCtx(h.member, ["connections:read"], h.appId), input: { limit: 5 } }))).toBe("403:insufficient_role");
  });

  it("can be disconnected and deleted: tokens revoked at the provider, rows gone, recorded", async () => {
    const grant = (await getPrisma().endUser.findUniqueOrThrow({ where: { appId_endUserId: { appId: h.appId, endUserId: "u_123" } }, include: { user: { include: { grants: true } } } })).user.grants[0]!;
    const { decryptAccessToken } = await import("../grants/decrypt-grant");
    const access = decryptAccessToken(grant);
    expect(await h.introspect("eu", access)).toMatchObject({ active: true });
    await deleteEndUser({ ctx: backend(["connections:write"]), input: { endUserId: "u_123" } });
    expect(await h.introspect("eu", access)).toMatchObject({ active: false });
    expect(await getPrisma().endUser.count({ where: { appId: h.appId, endUserId: "u_123" } })).toBe(0);
    expect(await getPrisma().oAuthTokenGrant.count({ where: { grantId: grant.grantId } })).toBe(0);
    const event = await getPrisma().oAuthEvent.findFirst({ where: { eventType: "end_user.deleted", appId: h.appId }, orderBy: { id: "desc" } });
    expect(event?.details).toMatchObject({ end_user_id: "u_123", connections_removed: 1, provider_revocation: { revoked: 1 } });
    expect(await code(deleteEndUser({ ctx: backend(["connections:write"]), input: { endUserId: "u_123" } }))).toBe("404:end_user_not_found");

    // Disconnecting one connection by end_user_id, and by the end user's own session.
    const session = await mint({ end_user: { id: "u_disc" } });
    await connectEndUser(session.token, { login: "u-disc" });
    await revokeConnection({ ctx: await sessionCtxOf(session.token), input: { authenticatorId: id } });
    expect(await listConnections({ ctx: backend(["connections:read"]), input: { endUserId: "u_disc" } })).toEqual([]);
  });
});

async function sessionCtxOf(token: string): Promise<AuthedContext> {
  return { actor: await authenticateConnectSession(token), requestId: "t" };
}
