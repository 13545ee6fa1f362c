import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeAtProvider } from "../../../e2e/fixtures/provider-login";
import { decryptSecret } from "../crypto/encryption";
import { getPrisma } from "../db/client";
import { APP, startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";

// The whole authorization-code flow against a real authorization server on loopback.
let h: OAuthHarness;
const ids = { plain: "", github: "", slack: "", narrow: "" };

beforeAll(async () => {
  h = await startOAuthHarness([{ name: "oidc" }, { name: "gh", quirk: "github" }, { name: "sl", quirk: "slack" }, { name: "narrow", grantOnly: ["read"] }]);
  ids.plain = await h.register("oidc", ["openid", "offline_access", "read"], { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` });
  ids.github = await h.register("gh", ["read"]);
  ids.slack = await h.register("sl", ["read", "write"]);
  ids.narrow = await h.register("narrow", ["read", "write"]);
});
afterAll(async () => h?.provider.stop());

const tokenCalls = () => h.tokenCalls();
const begin = (id: string, user = h.owner) => h.begin(id, user);
const finish = (id: string, params: URLSearchParams, binding: string | null, userId: number | null = h.owner.id) => h.finish(id, params, binding, userId);
const connect = (id: string) => h.connect(id);
const connection = (id: string, userId?: number) => h.connection(id, userId);

describe("starting a connection", () => {
  it("redirects to the provider with state, PKCE S256, nonce and the exact redirect URI, keeping secrets server-side", async () => {
    const { url, binding } = await begin(ids.plain);
    expect(url.origin + url.pathname).toBe(`${h.provider.issuer}/auth`);
    const q = url.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("redirect_uri")).toBe(`${APP}/auth/callback/${ids.plain}`);
    expect(q.get("scope")).toBe("openid offline_access read");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("state")!.length).toBeGreaterThanOrEqual(43);
    expect(q.get("nonce")).toBeTruthy();
    const session = await getPrisma().oAuthSession.findFirstOrThrow({ where: { authenticatorId: ids.plain }, orderBy: { id: "desc" } });
    expect(session.stateToken).not.toBe(q.get("state"));
    expect(session.codeVerifier).toMatch(/^v1:/);
    expect(session.browserBinding).not.toBe(binding);
    expect(session.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
  });
});

describe("the callback", () => {
  it("completes the flow: tokens stored encrypted, accepted by the provider's introspection", async () => {
    const { result } = await connect(ids.plain);
    expect(result.pathname).toBe("/settings/oauth-authenticators");
    expect(Object.fromEntries(result.searchParams)).toMatchObject({ tab: "connections", oauth_callback: ids.plain, status: "success" });
    const conn = await connection(ids.plain);
    expect(conn).toMatchObject({ authStatus: "active", isActive: true });
    const grant = conn!.grant!;
    expect(grant.accessToken).toMatch(/^v1:/);
    expect(grant.refreshToken).toMatch(/^v1:/);
    expect(grant.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    const accessToken = decryptSecret(grant.accessToken, { table: "oauth_token_grants", rowId: grant.grantId, field: "access_token" });
    expect(await h.introspect("oidc", accessToken)).toMatchObject({ active: true });

    const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", process.env.DATABASE_URL!], { maxBuffer: 64 << 20 });
    expect(stdout).not.toContain(accessToken);
    const events = await getPrisma().oAuthEvent.findMany({ where: { authenticatorId: ids.plain, eventType: { startsWith: "oauth." } } });
    expect(events.map((e) => e.eventType)).toEqual(expect.arrayContaining(["oauth.connect_started", "oauth.connect_succeeded"]));
    expect(events.find((e) => e.eventType === "oauth.connect_succeeded")!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("replaces the old grant cleanly when the user reconnects", async () => {
    const before = (await connection(ids.plain))!.grantId;
    await connect(ids.plain);
    const after = await connection(ids.plain);
    expect(after!.grantId).not.toBe(before);
    expect(await getPrisma().oAuthTokenGrant.count({ where: { grantId: before! } })).toBe(0);
  });

  it.each([
    ["missing", (_s: string) => null, "state_missing"],
    ["modified", (s: string) => `${s.slice(0, -2)}xx`, "state_invalid"],
  ])("refuses a %s state before calling the provider", async (_label, mutate, code) => {
    const started = await begin(ids.plain);
    const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/` });
    const calls = tokenCalls();
    const params = new URLSearchParams(callback.searchParams);
    const state = mutate(params.get("state")!);
    if (state === null) params.delete("state");
    else params.set("state", state);
    const result = await finish(ids.plain, params, started.binding);
    expect(result.pathname + result.search).toBe(`/oauth/error?code=${code}`);
    expect(tokenCalls()).toBe(calls);
  });

  it("refuses a replayed, expired, other-browser or other-user state before calling the provider", async () => {
    const first = await connect(ids.plain);
    let calls = tokenCalls();
    expect((await finish(ids.plain, first.callback.searchParams, first.started.binding)).search).toBe("?code=state_replayed");

    const expired = await begin(ids.plain);
    const expiredCb = await authorizeAtProvider(expired.location, { redirectPrefix: `${APP}/auth/callback/` });
    await getPrisma().oAuthSession.updateMany({ where: { consumedAt: null, authenticatorId: ids.plain }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await finish(ids.plain, expiredCb.searchParams, expired.binding)).search).toBe("?code=state_expired");

    const browser = await begin(ids.plain);
    const browserCb = await authorizeAtProvider(browser.location, { redirectPrefix: `${APP}/auth/callback/` });
    expect((await finish(ids.plain, browserCb.searchParams, "another-browser-binding-value-0000000000000")).search).toBe("?code=state_browser_mismatch");
    expect((await finish(ids.plain, browserCb.searchParams, browser.binding, h.member.id)).search).toBe("?code=state_user_mismatch");
    expect((await finish(ids.plain, browserCb.searchParams, browser.binding, null)).search).toBe("?code=state_user_mismatch");
    expect(tokenCalls()).toBe(calls);
    calls = tokenCalls();
    const failures = await getPrisma().oAuthEvent.count({ where: { eventType: "oauth.connect_failed", authenticatorId: ids.plain } });
    expect(failures).toBeGreaterThanOrEqual(4);
  });

  it("refuses an injected code (from another session) and saves nothing", async () => {
    const victim = await begin(ids.plain, h.member);
    const attacker = await begin(ids.plain, h.member);
    const attackerCb = await authorizeAtProvider(attacker.location, { redirectPrefix: `${APP}/auth/callback/`, login: "mallory" });
    const injected = new URLSearchParams(attackerCb.searchParams);
    injected.set("state", new URL(victim.location).searchParams.get("state")!);
    const grants = await getPrisma().oAuthTokenGrant.count();
    const result = await finish(ids.plain, injected, victim.binding, h.member.id);
    expect(Object.fromEntries(result.searchParams)).toMatchObject({ status: "error", error: "token_exchange_failed" });
    expect(await getPrisma().oAuthTokenGrant.count()).toBe(grants);
    expect(await connection(ids.plain, h.member.id)).toBeNull();
  });

  it("refuses an iss that does not match the issuer, before calling the provider", async () => {
    const started = await begin(ids.plain);
    const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/` });
    expect(callback.searchParams.get("iss")).toBe(h.provider.issuer);
    const params = new URLSearchParams(callback.searchParams);
    params.set("iss", "https://evil.example");
    const calls = tokenCalls();
    const result = await finish(ids.plain, params, started.binding);
    expect(Object.fromEntries(result.searchParams)).toMatchObject({ status: "error", error: "issuer_mismatch" });
    expect(tokenCalls()).toBe(calls);
  });

  it("refuses a callback without iss when the provider advertises it (RFC 9207), and accepts one without iss otherwise", async () => {
    const meta = (await (await fetch(`${h.provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    await getPrisma().oAuthAuthenticator.update({
      where: { authenticatorId: ids.plain },
      data: { configuration: { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation`, authorization_response_iss_parameter_supported: true } },
    });
    const started = await begin(ids.plain);
    const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/` });
    const params = new URLSearchParams(callback.searchParams);
    params.delete("iss");
    const calls = tokenCalls();
    const result = await finish(ids.plain, params, started.binding);
    expect(Object.fromEntries(result.searchParams)).toMatchObject({ status: "error", error: "issuer_missing" });
    expect(tokenCalls()).toBe(calls);
    // The same flow with the provider's iss goes through.
    const again = await begin(ids.plain);
    const ok = await authorizeAtProvider(again.location, { redirectPrefix: `${APP}/auth/callback/` });
    expect(Object.fromEntries((await finish(ids.plain, ok.searchParams, again.binding)).searchParams)).toMatchObject({ status: "success" });
    await getPrisma().oAuthAuthenticator.update({
      where: { authenticatorId: ids.plain },
      data: { configuration: { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` } },
    });
  });

  it("returns a provider's access_denied to the page, friendly and recorded", async () => {
    const started = await begin(ids.plain);
    const params = new URLSearchParams({ state: started.url.searchParams.get("state")!, error: "access_denied", error_description: "The user said no" });
    const result = await finish(ids.plain, params, started.binding);
    expect(Object.fromEntries(result.searchParams)).toMatchObject({ status: "error", error: "access_denied", oauth_callback: ids.plain });
  });

  it("handles a provider that answers like GitHub (200 errors, string expires_in, no token_type)", async () => {
    const { result } = await connect(ids.github);
    expect(result.searchParams.get("status")).toBe("success");
    const grant = (await connection(ids.github))!.grant!;
    expect(grant.tokenType).toBe("Bearer");
    expect(grant.expiresAt).toBeInstanceOf(Date);

    const started = await begin(ids.github);
    const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/` });
    const params = new URLSearchParams(callback.searchParams);
    params.set("code", "bogus-code");
    const bad = await finish(ids.github, params, started.binding);
    expect(bad.searchParams.get("error")).toBe("token_exchange_failed");
    const event = await getPrisma().oAuthEvent.findFirstOrThrow({ where: { authenticatorId: ids.github, eventType: "oauth.connect_failed" }, orderBy: { id: "desc" } });
    expect(event.details).toMatchObject({ provider_error: "bad_verification_code" });
  });

  it("handles a provider that answers like Slack (ok flags, user token nested in authed_user)", async () => {
    const { result } = await connect(ids.slack);
    expect(result.searchParams.get("status")).toBe("success");
    const grant = (await connection(ids.slack))!.grant!;
    expect(grant.scopes).toEqual(["read", "write"]);
    const token = decryptSecret(grant.accessToken, { table: "oauth_token_grants", rowId: grant.grantId, field: "access_token" });
    expect(token.length).toBeGreaterThan(10);
  });

  it("marks a connection with fewer scopes than requested as insufficient_scopes and says which", async () => {
    const { result } = await connect(ids.narrow);
    expect(Object.fromEntries(result.searchParams)).toMatchObject({ status: "error", error: "insufficient_scopes", missing_scopes: "write" });
    expect(await connection(ids.narrow)).toMatchObject({ authStatus: "insufficient_scopes", statusReason: "Missing scopes: write" });
  });
});
