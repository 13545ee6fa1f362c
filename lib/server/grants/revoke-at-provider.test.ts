import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RevocationStyle } from "../../templates/types";
import type { ProviderSettings } from "../oauth/provider-settings";
import { revokeAtProvider } from "./revoke-at-provider";

// A loopback server that answers like Google's, GitHub's and Slack's revocation endpoints and
// records what it was sent.
const seen: Array<{ method: string; path: string; auth?: string; body: string }> = [];
let base = "";
const server = createServer(async (req: IncomingMessage, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  seen.push({ method: req.method!, path: req.url!, auth: req.headers.authorization, body });
  if (req.url === "/google/revoke") return void res.writeHead(body.includes("token=rt-1") ? 200 : 400).end();
  if (req.url?.startsWith("/github/applications/")) return void res.writeHead(204).end();
  if (req.url === "/slack/auth.revoke") {
    res.writeHead(200, { "content-type": "application/json" });
    return void res.end(JSON.stringify(req.headers.authorization === "Bearer at-1" ? { ok: true, revoked: true } : { ok: false, error: "invalid_auth" }));
  }
  res.writeHead(404).end();
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = (revocation: RevocationStyle): ProviderSettings => ({
  authenticatorId: "x", appId: "a", type: "custom", name: "X", clientId: "client-1", clientSecret: "secret-1",
  authorizeUrl: `${base}/auth`, tokenUrl: `${base}/token`, redirectUri: "http://localhost/cb", scopes: [], scopeSeparator: " ",
  pkce: true, authorizationParams: {}, tokenParams: {}, tokenHeaders: {}, tokenAuthMethod: "client_secret_post",
  revocation, refreshWindowSeconds: 300, quirks: {}, issParameterSupported: false,
});
const tokens = { accessToken: "at-1", refreshToken: "rt-1" };

describe("provider-specific revocation", () => {
  it("Google: POSTs the refresh token to the revoke endpoint", async () => {
    expect(await revokeAtProvider(settings({ kind: "google", url: `${base}/google/revoke` }), tokens)).toBe("revoked");
    expect(seen.at(-1)).toMatchObject({ method: "POST", body: "token=rt-1" });
  });

  it("GitHub: DELETE /applications/{client_id}/token with the app's basic auth and the token in the body", async () => {
    expect(await revokeAtProvider(settings({ kind: "github", apiBaseUrl: `${base}/github` }), tokens)).toBe("revoked");
    expect(seen.at(-1)).toMatchObject({
      method: "DELETE", path: "/github/applications/client-1/token",
      auth: `Basic ${Buffer.from("client-1:secret-1").toString("base64")}`, body: JSON.stringify({ access_token: "at-1" }),
    });
  });

  it("Slack: auth.revoke with the token, reading Slack's ok flag", async () => {
    expect(await revokeAtProvider(settings({ kind: "slack", url: `${base}/slack/auth.revoke` }), tokens)).toBe("revoked");
    expect(await revokeAtProvider(settings({ kind: "slack", url: `${base}/slack/auth.revoke` }), { ...tokens, accessToken: "bad" })).toBe("failed: invalid_auth");
  });

  it("reports, never throws, when the provider is unreachable or has no revocation", async () => {
    expect(await revokeAtProvider(settings({ kind: "google", url: "http://127.0.0.1:9/revoke" }), tokens)).toMatch(/^failed: /);
    expect(await revokeAtProvider(settings({ kind: "none" }), tokens)).toBe("not_supported");
  });
});
