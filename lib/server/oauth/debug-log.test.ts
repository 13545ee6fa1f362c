import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sessionCtx } from "../../testing/factories";
import { startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { getConnectionToken } from "../connections/get-connection-token";
import { revokeConnection } from "../connections/revoke-connection";
import { getPrisma } from "../db/client";
import { decryptAccessToken, decryptRefreshToken } from "../grants/decrypt-grant";
import { DEFAULT_OAUTH_DEBUG_LOG, maskSecrets, OAUTH_DEBUG_LOG_MAX_BYTES, oauthDebug, oauthDebugLogPath, RotatingFile } from "./debug-log";
import { discoverIssuer } from "./discover-issuer";

// OAUTH_DEBUG=true against the real test authorization server: connect, refresh, revoke and
// discovery each leave their lines, and no token, code, state or client secret is in the file.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-debug-"));
const logFile = path.join(dir, "logs", "oauth.log");
let h: OAuthHarness;
let id = "";

type Line = { step: string; time: string; [key: string]: unknown };
const lines = (): Line[] =>
  fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line) : [];
const steps = (from: Line[]) => from.map((l) => `${l.step}${l.grant_type ? `:${l.grant_type}` : ""}`);

beforeAll(async () => {
  h = await startOAuthHarness([{ name: "dbg" }]);
  id = await h.register("dbg", ["openid", "offline_access", "read"], { issuer: h.provider.issuer, revocation_url: `${h.provider.issuer}/token/revocation` });
});
afterAll(async () => {
  await h?.provider.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.OAUTH_DEBUG;
  delete process.env.OAUTH_DEBUG_LOG;
});

describe("the OAuth debug log", () => {
  it("writes nothing while OAUTH_DEBUG is off", async () => {
    process.env.OAUTH_DEBUG_LOG = logFile;
    await h.connect(id);
    expect(fs.existsSync(logFile)).toBe(false);
  });

  it("records connect, refresh, revocation and discovery, one JSON line per step, with every secret masked", async () => {
    process.env.OAUTH_DEBUG = "true";
    process.env.OAUTH_DEBUG_LOG = logFile;
    expect(oauthDebugLogPath()).toBe(logFile);

    const { started, callback } = await h.connect(id);
    const code = callback.searchParams.get("code")!;
    const state = callback.searchParams.get("state")!;
    const challenge = started.url.searchParams.get("code_challenge")!;
    const first = (await h.connection(id))!.grant!;
    const secrets = [code, state, challenge, started.binding, h.clientFor("dbg").client_secret, decryptAccessToken(first), decryptRefreshToken(first)!];

    // Expired: the next token request refreshes first.
    await getPrisma().oAuthTokenGrant.update({ where: { grantId: first.grantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refreshed = await getConnectionToken({ ctx: sessionCtx(h.owner), input: { authenticatorId: id } });
    const second = (await h.connection(id))!.grant!;
    secrets.push(refreshed.access_token, decryptRefreshToken(second)!);
    await revokeConnection({ ctx: sessionCtx(h.owner), input: { authenticatorId: id } });
    await discoverIssuer({ ctx: sessionCtx(h.owner), input: { issuer: h.provider.issuer } });

    const log = lines();
    expect(steps(log)).toEqual([
      "authorize_redirect",
      "callback_received",
      "token_request:authorization_code",
      "token_response:authorization_code",
      "callback_result",
      "refresh_request",
      "token_request:refresh_token",
      "token_response:refresh_token",
      "refresh_result",
      "revocation_request",
      "revocation_response",
      "revocation_response",
      "revocation_result",
      "discovery_request",
      "discovery_response",
      "discovery_result",
    ]);
    const at = (step: string, grantType?: string) => log.find((l) => l.step === step && (!grantType || l.grant_type === grantType))!;
    for (const line of log) expect(new Date(line.time).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const authorize = new URL(at("authorize_redirect").url as string);
    expect(authorize.origin + authorize.pathname).toBe(`${h.provider.issuer}/auth`);
    expect(authorize.searchParams.get("state")).toBe(`***${state.slice(-4)}`);
    expect(authorize.searchParams.get("code_challenge")).toBe(`***${challenge.slice(-4)}`);
    expect(authorize.searchParams.get("redirect_uri")).toBe(started.url.searchParams.get("redirect_uri"));
    expect(at("authorize_redirect")).toMatchObject({ authenticator_id: id, pkce: true, nonce: true });

    expect(at("callback_received")).toMatchObject({ authenticator_id: id, params: { code: `***${code.slice(-4)}`, state: `***${state.slice(-4)}` }, binding_cookie: true });
    expect(at("token_request", "authorization_code")).toMatchObject({
      endpoint: `${h.provider.issuer}/token`,
      auth_method: "client_secret_post",
      params: { code: `***${code.slice(-4)}`, client_secret: expect.stringMatching(/^\*\*\*/), code_verifier: expect.stringMatching(/^\*\*\*/) },
    });
    expect(at("token_response", "authorization_code")).toMatchObject({ status: 200, token_type: expect.any(String), refresh_token_received: true });
    expect(at("token_response", "authorization_code").duration_ms).toEqual(expect.any(Number));
    expect(at("callback_result").location).toContain("status=success");

    expect(at("refresh_request")).toMatchObject({ grant_id: first.grantId, authenticator_id: id, token_url: `${h.provider.issuer}/token` });
    expect(at("token_request", "refresh_token").params).toMatchObject({ refresh_token: expect.stringMatching(/^\*\*\*/) });
    expect(at("token_response", "refresh_token")).toMatchObject({ status: 200 });
    expect(at("refresh_result")).toMatchObject({ outcome: "tokens", attempts: 1, refresh_token_rotated: true });

    expect(at("revocation_request")).toMatchObject({ authenticator_id: id, style: "rfc7009", endpoint: `${h.provider.issuer}/token/revocation`, refresh_token: true });
    expect(log.filter((l) => l.step === "revocation_response").map((l) => l.status)).toEqual([200, 200]);
    expect(at("revocation_result")).toMatchObject({ result: "revoked" });

    expect(at("discovery_request")).toMatchObject({ issuer: `${h.provider.issuer}/`, document: "openid-configuration" });
    expect(at("discovery_response")).toMatchObject({ status: 200, url: `${h.provider.issuer}/.well-known/openid-configuration` });
    expect(at("discovery_result")).toMatchObject({ outcome: "found", token_url: `${h.provider.issuer}/token` });

    const text = fs.readFileSync(logFile, "utf8");
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(16);
      expect(text).not.toContain(secret);
    }
    if (process.platform !== "win32") expect(fs.statSync(logFile).mode & 0o777).toBe(0o600);
  });

  it("masks secrets by key at any depth and inside URLs, keeping a 4-character hint", () => {
    const masked = maskSecrets({
      headers: { Authorization: "Basic Y2xpZW50OnNlY3JldC12YWx1ZS0xMjM0", accept: "application/json" },
      nested: [{ deeper: { refresh_token: "rt-0123456789abcdefXYZW", id: "keep-me" } }],
      url: "https://user:pw@as.example/cb?code=abcdefghijklmnop1234&iss=https%3A%2F%2Fas.example#access_token=ya29.0123456789abcdWXYZ&x=1",
      short: { password: "hunter2" },
    });
    expect(masked).toEqual({
      headers: { Authorization: "***MjM0", accept: "application/json" },
      nested: [{ deeper: { refresh_token: "***XYZW", id: "keep-me" } }],
      url: "https://user:***@as.example/cb?code=***1234&iss=https%3A%2F%2Fas.example#access_token=***WXYZ&x=1",
      short: { password: "***" },
    });
  });

  it("never fails the step it describes", () => {
    process.env.OAUTH_DEBUG = "true";
    // A directory where the file should be: the write fails, the caller goes on.
    fs.mkdirSync(path.join(dir, "blocked", "oauth.log"), { recursive: true });
    process.env.OAUTH_DEBUG_LOG = path.join(dir, "blocked", "oauth.log");
    expect(() => oauthDebug("authorize_redirect", () => ({ url: "https://as.example/auth" }))).not.toThrow();
  });

  it("defaults to .fiberwise-core/logs/oauth.log in the working directory, rotated at 10 MB", () => {
    expect(oauthDebugLogPath()).toBe(path.resolve(process.cwd(), DEFAULT_OAUTH_DEBUG_LOG));
    expect(DEFAULT_OAUTH_DEBUG_LOG).toBe(path.join(".fiberwise-core", "logs", "oauth.log"));
    expect(OAUTH_DEBUG_LOG_MAX_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe("rotation", () => {
  it("renames the file to .1 when the next line would pass the limit, and keeps a few", () => {
    const file = path.join(dir, "rotate", "oauth.log");
    const writer = new RotatingFile(file, 1000, 3);
    const line = (n: number) => `${JSON.stringify({ n, pad: "x".repeat(84 - String(n).length) })}\n`; // 100 bytes
    for (let n = 0; n < 55; n++) writer.write(line(n));
    writer.close();

    const names = fs.readdirSync(path.dirname(file)).sort();
    expect(names).toEqual(["oauth.log", "oauth.log.1", "oauth.log.2", "oauth.log.3"]);
    const read = (name: string) => fs.readFileSync(path.join(path.dirname(file), name), "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { n: number }).n);
    for (const name of names) expect(fs.statSync(path.join(path.dirname(file), name)).size).toBeLessThanOrEqual(1000);
    // 55 lines, 10 to a file: 50–54 current, 40–49 in .1, 30–39 in .2, 20–29 in .3; older ones are gone.
    expect(read("oauth.log")).toEqual([50, 51, 52, 53, 54]);
    expect(read("oauth.log.1")).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    expect(read("oauth.log.3")[0]).toBe(20);
  });

  it("follows a rotation done by another process", () => {
    const file = path.join(dir, "shared", "oauth.log");
    const mine = new RotatingFile(file, 1000, 2);
    const theirs = new RotatingFile(file, 1000, 2);
    mine.write("a\n");
    theirs.write(`${"b".repeat(997)}\n`);
    theirs.write("c\n"); // over the limit: theirs renames the file to .1
    mine.write("d\n"); // mine must not keep writing into .1
    mine.close();
    theirs.close();
    expect(fs.readFileSync(file, "utf8")).toBe("c\nd\n");
    expect(fs.readFileSync(`${file}.1`, "utf8")).toBe(`a\n${"b".repeat(997)}\n`);
  });
});
