import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOidcProvider, type TestProvider } from "../../../e2e/fixtures/oidc-provider";
import { ALL_SCOPES, type AuthedContext } from "../auth/actor";
import { AppError, errorResponse } from "../errors";
import { startLoopbackServer, startSilentServer, streamBody } from "../../testing/loopback-server";
import { DISCOVERY_BUDGET_MS, discoverIssuer } from "./discover-issuer";
import { registerAuthenticatorSchema } from "../../schemas/authenticators";

const MiB = 1024 * 1024;
const ctx = (scopes = ALL_SCOPES): AuthedContext => ({
  actor: { userId: 1, email: "dev@example.com", isAdmin: false, via: "api_key", scopes },
  requestId: "test",
});
const failure = (promise: Promise<unknown>) => promise.then(() => Promise.reject(new Error("expected a failure")), (error: unknown) => error as AppError);

const original = process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
beforeEach(() => (process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "true"));
afterEach(() => {
  if (original === undefined) delete process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
  else process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = original;
});

let provider: TestProvider;
beforeAll(async () => {
  provider = await startOidcProvider({ clients: [] });
});
afterAll(() => provider.stop());

describe("discoverIssuer", () => {
  it("reads a real issuer's OpenID configuration, and refuses a document for another issuer", async () => {
    const found = await discoverIssuer({ ctx: ctx(), input: { issuer: provider.issuer } });
    expect(found).toMatchObject({ token_url: `${provider.issuer}/token`, configuration: { issuer: provider.issuer } });
    // The registration's shape: the answer plus who and what is a valid registration.
    const registration = registerAuthenticatorSchema.safeParse({ ...found, name: "Found", authenticator_type: "custom", client_id: "c", client_secret: "s" });
    expect(registration.success, JSON.stringify(registration.error?.issues)).toBe(true);
    const wrong = await failure(discoverIssuer({ ctx: ctx(), input: { issuer: `${provider.issuer}/tenant-a` } }));
    expect([wrong.status, wrong.code]).toEqual([502, "discovery_failed"]);
  });

  it("needs authenticators:read", async () => {
    const refused = await failure(discoverIssuer({ ctx: ctx(new Set()), input: { issuer: provider.issuer } }));
    expect([refused.status, refused.code]).toEqual([403, "insufficient_scope"]);
  });

  it("refuses a loopback issuer before connecting when loopback providers are off", async () => {
    const server = await startLoopbackServer((_req, res) => res.writeHead(404).end());
    try {
      process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
      const refused = await failure(discoverIssuer({ ctx: ctx(), input: { issuer: `https://localhost.:${server.port}` } }));
      expect([refused.status, refused.code]).toEqual([422, "invalid_provider_url"]);
      expect(server.stats.connections).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("follows no redirect", async () => {
    const server = await startLoopbackServer((req, res) =>
      req.url!.startsWith("/.well-known/") ? res.writeHead(302, { location: `${provider.issuer}/.well-known/openid-configuration` }).end() : res.writeHead(404).end(),
    );
    try {
      const refused = await failure(discoverIssuer({ ctx: ctx(), input: { issuer: server.url } }));
      expect(refused.code).toBe("discovery_failed");
      expect(server.stats.requests).toEqual(["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]);
    } finally {
      await server.close();
    }
  });

  it("stops reading a 64 MiB metadata document at the cap and does not try the second document", async () => {
    const server = await startLoopbackServer((_req, res, stats) => {
      res.writeHead(200, { "content-type": "application/json" });
      return streamBody(res, stats, 64 * MiB, `{"issuer":"http://127.0.0.1","padding":"`);
    });
    try {
      const refused = await failure(discoverIssuer({ ctx: ctx(), input: { issuer: server.url } }));
      expect([refused.status, refused.code]).toEqual([502, "discovery_failed"]);
      expect(refused.message).toMatch(/larger than 1048576 bytes/);
      expect(server.stats.requests).toEqual(["/.well-known/openid-configuration"]);
      expect(await server.allClosed()).toBe(true);
      expect(server.stats.bodyBytesSent).toBeLessThan(16 * MiB);
    } finally {
      await server.close();
    }
  });

  it("gives an issuer that never answers one time budget for both documents, then 502 discovery_failed", async () => {
    expect(DISCOVERY_BUDGET_MS).toBe(10_000);
    const server = await startSilentServer();
    try {
      const budgetMs = 1_500;
      const started = Date.now();
      const refused = await failure(discoverIssuer({ ctx: ctx(), input: { issuer: server.url }, budgetMs }));
      const elapsed = Date.now() - started;
      const body = (await errorResponse(refused).json()) as { error: { code: string; message: string } };
      expect(errorResponse(refused).status).toBe(502);
      expect(body.error.code).toBe("discovery_failed");
      expect(body.error.message).toMatch(/timed out/);
      expect(elapsed).toBeGreaterThanOrEqual(budgetMs - 50);
      expect(elapsed).toBeLessThan(budgetMs + 750);
      // Only the first document was asked for. (After an abort undici may open one more connection
      // and close it unused; that one carries no request.)
      expect(server.stats.requests).toEqual(["/.well-known/openid-configuration"]);
      expect(await server.allClosed()).toBe(true);
    } finally {
      await server.close();
    }
  });
});
