import { expect, test } from "@playwright/test";
import { createFiberWiseServer } from "../../lib/sdk/server";
import { bearer, newAccount } from "../fixtures/accounts";
import { appWithLocalOidc, connectOverHttp } from "../fixtures/connect";

import { OIDC_ISSUER as ISSUER } from "../fixtures/env";

test("connect over HTTP, hand an agent a valid token, and disconnect", async ({}, info) => {
  const baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "agent-owner");
  const { appId, authenticatorId: id } = await appWithLocalOidc(owner.api, "Local OIDC");

  const done = await connectOverHttp(owner.api, baseURL, id, "/apps?from=test");
  expect(done.status).toBe(303);
  expect(done.referrerPolicy).toBe("no-referrer");
  expect(done.location.pathname).toBe("/apps");
  expect(Object.fromEntries(done.location.searchParams)).toEqual({ from: "test", oauth_callback: id, status: "success" });

  const connections = await (await owner.api.get(`/api/v1/credentials/connections?app_id=${appId}`)).json();
  expect(connections.connections).toEqual([expect.objectContaining({ authenticator_id: id, status: "active" })]);
  expect(JSON.stringify(connections)).not.toMatch(/access_token/);

  const key = (await (await owner.api.post("/api/v1/api-keys", { data: { name: "agent", app_id: appId, scopes: ["tokens:read"] } })).json()).key;
  const agent = createFiberWiseServer({ baseUrl: `${baseURL}/api/v1`, apiKey: key });
  const token = await agent.getAccessToken({ authenticator: id });
  expect(token).toMatchObject({ token_type: "Bearer", scopes: expect.arrayContaining(["openid"]) });
  const userinfo = await agent.authorizedFetch(`${ISSUER}/me`, { authenticator: id });
  expect(userinfo.status).toBe(200);
  expect((await userinfo.json()).sub).toBe("alice");

  const raw = await (await bearer(baseURL, key)).get(`/api/v1/credentials/connections/${id}/token`);
  expect(raw.headers()["cache-control"]).toBe("no-store");
  const noScope = await (await bearer(baseURL, (await (await owner.api.post("/api/v1/api-keys", { data: { name: "ro", scopes: ["connections:read"] } })).json()).key))
    .get(`/api/v1/credentials/connections/${id}/token`);
  expect(noScope.status()).toBe(403);

  const introspect = async (t: string) =>
    (await (await fetch(`${ISSUER}/token/introspection`, { method: "POST", body: new URLSearchParams({ token: t, client_id: "e2e-client", client_secret: "e2e-client-secret-0123456789abcdef" }) })).json()).active;
  expect(await introspect(token.access_token)).toBe(true);
  expect((await owner.api.delete(`/api/v1/credentials/connections/${id}`)).status()).toBe(204);
  expect(await introspect(token.access_token)).toBe(false);
  const after = await agent.getAccessToken({ authenticator: id }).catch((e: { code: string }) => e.code);
  expect(after).toBe("connection_not_found");
});

test("the callback refuses a state from another browser and an open redirect in return_to", async ({}, info) => {
  const baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "redir");
  const { authenticatorId: id } = await appWithLocalOidc(owner.api, "OIDC redirect", { scopes: ["openid"] });
  for (const evil of ["//evil.com", "https://evil.com/x", "/\\evil.com", "javascript:alert(1)", "/%2F%2Fevil.com"]) {
    const done = await connectOverHttp(owner.api, baseURL, id, evil);
    expect(done.location.origin).toBe(baseURL);
    expect(done.location.pathname).toBe("/settings/oauth-authenticators");
  }
  const stranger = await newAccount(baseURL, "stranger");
  const start = await owner.api.get(`/api/v1/oauth/connect/${id}`, { maxRedirects: 0 });
  const { authorizeAtProvider } = await import("../fixtures/provider-login");
  const callback = await authorizeAtProvider(start.headers()["location"]!, { redirectPrefix: `${baseURL}/auth/callback/` });
  const hijack = await stranger.api.get(callback.pathname + callback.search, { maxRedirects: 0 });
  expect(new URL(hijack.headers()["location"]!).pathname + new URL(hijack.headers()["location"]!).search).toBe("/oauth/error?code=state_browser_mismatch");
});

test("the cron route runs a sweep only with CRON_SECRET", async ({ request }) => {
  expect((await request.post("/api/cron/refresh-tokens")).status()).toBe(401);
  const wrong = await request.post("/api/cron/refresh-tokens", { headers: { authorization: "Bearer nope" } });
  expect((await wrong.json()).error.code).toBe("invalid_cron_secret");
  const ok = await request.post("/api/cron/refresh-tokens", { headers: { authorization: "Bearer e2e-cron-secret" } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ candidates: expect.any(Number), refreshed: expect.any(Number), skipped: expect.any(Number), failed: expect.any(Number), batches: expect.any(Number) });
});

test("bad input to the credentials, connect, events and metrics routes gets a 4xx envelope", async ({}, info) => {
  const baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "bad-input");
  const { appId, authenticatorId } = await appWithLocalOidc(owner.api, "Bad input OIDC");
  const cases: Array<[string, number, string]> = [
    [`/api/v1/credentials/connections/${authenticatorId}/token?user_id=abc`, 422, "validation_error"],
    [`/api/v1/credentials/connections/${authenticatorId}/token`, 404, "connection_not_found"],
    ["/api/v1/credentials/connections/no-such-thing/token", 404, "authenticator_not_found"],
    ["/api/v1/oauth/connect/no-such-thing", 404, "authenticator_not_found"],
    [`/api/v1/events?app_id=${appId}&limit=5000`, 422, "validation_error"],
    [`/api/v1/events?app_id=${appId}&outcome=maybe`, 422, "validation_error"],
    ["/api/v1/events", 422, "app_id_required"],
    [`/api/v1/metrics?app_id=${appId}&days=0`, 422, "validation_error"],
    ["/api/v1/metrics?app_id=someone-elses-app", 404, "app_not_found"],
  ];
  for (const [path, status, code] of cases) {
    const response = await owner.api.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status);
    expect((await response.json()).error.code, path).toBe(code);
  }
  const events = await (await owner.api.get(`/api/v1/events?app_id=${appId}`)).json();
  expect(events.events.map((e: { type: string }) => e.type)).toEqual(["authenticator.created", "app.created"]);
});

test("a Connect link opened while signed out sends the browser to sign in (303), not a 500", async ({ request }, info) => {
  const baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "signed-out");
  const { appId, authenticatorId } = await appWithLocalOidc(owner.api, "Signed out OIDC");
  const response = await request.get(`/api/v1/oauth/connect/${authenticatorId}?app_id=${appId}&return_to=%2Fapps`, { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  const location = new URL(response.headers()["location"]!);
  expect(location.origin + location.pathname).toBe(`${baseURL}/signin`);
  expect(location.searchParams.get("callbackUrl")).toBe(`/api/v1/oauth/connect/${authenticatorId}?app_id=${appId}&return_to=%2Fapps`);
  expect(response.headers()["x-request-id"]).toBeTruthy();
});
