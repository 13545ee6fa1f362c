import { expect, test, type APIRequestContext } from "@playwright/test";
import { asClient, bearer, newAccount, PASSWORD, signUp, uniqueEmail } from "../fixtures/accounts";

let baseURL = "";
test.beforeAll(async ({ request }, info) => {
  baseURL = info.project.use.baseURL!;
  // Whoever signs up first is the platform admin; take that seat so the accounts below are ordinary.
  await request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("first"), password: PASSWORD }, headers: asClient() });
});

async function errorOf(response: Awaited<ReturnType<APIRequestContext["get"]>>) {
  const body = (await response.json()) as { error?: { code?: string } };
  return { status: response.status(), code: body.error?.code };
}

test("every route refuses anonymous callers and bad keys with 401 in the error envelope", async ({ request }) => {
  for (const [method, path] of [["get", "/api/v1/apps"], ["post", "/api/v1/apps"], ["get", "/api/v1/api-keys"], ["get", "/api/v1/me"]] as const) {
    expect(await errorOf(await request[method](path, { data: method === "post" ? { name: "x" } : undefined }))).toEqual({
      status: 401, code: "unauthorized",
    });
  }
  const bad = await bearer(baseURL, "fw_live_definitely-not-a-real-key-000000000000000");
  expect(await errorOf(await bad.get("/api/v1/apps"))).toEqual({ status: 401, code: "invalid_api_key" });
});

test("sign-up refuses a taken email, a weak password and a bad body with clear errors", async ({ request }) => {
  const email = uniqueEmail("dup");
  await signUp(request, email);
  expect(await errorOf(await request.post("/api/v1/auth/signup", { data: { email, password: PASSWORD } }))).toEqual({
    status: 409, code: "email_taken",
  });
  const weak = await request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("weak"), password: "short" } });
  expect(weak.status()).toBe(422);
  expect((await weak.json()).error.details).toEqual([expect.objectContaining({ path: "password", message: "Use at least 10 characters" })]);
  const notJson = await request.post("/api/v1/auth/signup", { headers: { "content-type": "application/json" }, data: Buffer.from("{oops") });
  expect(await errorOf(notJson)).toEqual({ status: 400, code: "invalid_json" });
});

test("apps: members see only their apps, roles gate changes, bad input changes nothing", async () => {
  const owner = await newAccount(baseURL, "owner");
  const member = await newAccount(baseURL, "member");
  const stranger = await newAccount(baseURL, "stranger");

  const created = await owner.api.post("/api/v1/apps", { data: { name: "Inbox Zero" } });
  expect(created.status()).toBe(201);
  const app = await created.json();
  expect(app).toMatchObject({ name: "Inbox Zero", role: "owner" });
  expect(app.app_id).toMatch(/^inbox-zero/);

  expect((await owner.api.post(`/api/v1/apps/${app.app_id}/members`, { data: { email: member.email, role: "member" } })).status()).toBe(201);
  expect((await (await member.api.get("/api/v1/apps")).json()).apps.map((a: { app_id: string }) => a.app_id)).toContain(app.app_id);
  expect((await (await stranger.api.get("/api/v1/apps")).json()).apps).toEqual([]);
  expect(await errorOf(await stranger.api.get(`/api/v1/apps/${app.app_id}`))).toEqual({ status: 404, code: "app_not_found" });
  expect(await errorOf(await member.api.patch(`/api/v1/apps/${app.app_id}`, { data: { name: "Mine" } }))).toEqual({
    status: 403, code: "insufficient_role",
  });
  expect(await errorOf(await member.api.delete(`/api/v1/apps/${app.app_id}?confirm=${app.app_id}`))).toEqual({
    status: 403, code: "insufficient_role",
  });

  for (const data of [{ name: "" }, { name: 42 }, { name: "ok", unknown_field: true }]) {
    expect((await owner.api.patch(`/api/v1/apps/${app.app_id}`, { data })).status()).toBe(422);
  }
  expect((await (await owner.api.get(`/api/v1/apps/${app.app_id}`)).json()).name).toBe("Inbox Zero");
  expect(await errorOf(await owner.api.delete(`/api/v1/apps/${app.app_id}`))).toEqual({ status: 422, code: "confirmation_required" });
  expect((await owner.api.delete(`/api/v1/apps/${app.app_id}?confirm=${app.app_id}`)).status()).toBe(204);
  expect(await errorOf(await owner.api.get(`/api/v1/apps/${app.app_id}`))).toEqual({ status: 404, code: "app_not_found" });
});

test("a cookie-authenticated write from another origin is refused", async ({ playwright }) => {
  const owner = await newAccount(baseURL, "csrf");
  const state = await owner.api.storageState();
  const evil = await playwright.request.newContext({ baseURL, storageState: state, extraHTTPHeaders: { origin: "https://evil.example" } });
  expect(await errorOf(await evil.post("/api/v1/apps", { data: { name: "Drive-by" } }))).toEqual({ status: 403, code: "cross_origin_refused" });
  expect((await (await owner.api.get("/api/v1/apps")).json()).apps).toEqual([]);
});

test("API keys: shown once, scoped, app-restricted, revocable", async () => {
  const owner = await newAccount(baseURL, "keys");
  const app = await (await owner.api.post("/api/v1/apps", { data: { name: "Agents" } })).json();
  const other = await (await owner.api.post("/api/v1/apps", { data: { name: "Other" } })).json();

  const created = await owner.api.post("/api/v1/api-keys", {
    data: { name: "agent", app_id: app.app_id, scopes: ["connections:read"] },
  });
  expect(created.status()).toBe(201);
  const key = await created.json();
  expect(key.key).toMatch(/^fw_live_/);
  const listed = await (await owner.api.get("/api/v1/api-keys")).json();
  expect(JSON.stringify(listed)).not.toContain(key.key);
  expect(listed.api_keys[0]).toMatchObject({ id: key.id, prefix: key.key.slice(0, 12), scopes: ["connections:read"] });

  const agent = await bearer(baseURL, key.key);
  expect(await (await agent.get("/api/v1/me")).json()).toMatchObject({ email: owner.email, via: "api_key", app_id: app.app_id, scopes: ["connections:read"] });
  expect((await (await agent.get("/api/v1/apps")).json()).apps.map((a: { app_id: string }) => a.app_id)).toEqual([app.app_id]);
  expect(await errorOf(await agent.get(`/api/v1/apps/${other.app_id}`))).toEqual({ status: 403, code: "app_restricted" });
  expect(await errorOf(await agent.post("/api/v1/api-keys", { data: { name: "escalate" } }))).toEqual({ status: 403, code: "session_required" });

  for (const data of [{ name: "x", scopes: ["everything"] }, { name: "" }, { name: "x", expires_in_days: -1 }]) {
    expect((await owner.api.post("/api/v1/api-keys", { data })).status()).toBe(422);
  }
  expect((await (await owner.api.get("/api/v1/api-keys")).json()).api_keys).toHaveLength(1);

  expect((await owner.api.delete(`/api/v1/api-keys/${key.id}`)).status()).toBe(200);
  expect(await errorOf(await agent.get("/api/v1/me"))).toEqual({ status: 401, code: "api_key_revoked" });
});

test("sign-in failures do not reveal whether the email exists", async ({ request }) => {
  const email = uniqueEmail("probe");
  await signUp(request, email);
  const attempt = async (who: string) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: who, password: "wrong wrong wrong", json: "true" },
      maxRedirects: 0,
    });
    return { status: response.status(), location: decodeURIComponent(response.headers()["location"] ?? (await response.text())) };
  };
  const known = await attempt(email);
  const unknown = await attempt(uniqueEmail("nobody"));
  expect(known.location).toContain("invalid_credentials");
  expect(unknown.location).toContain("invalid_credentials");
  expect(known.status).toBe(unknown.status);
});
