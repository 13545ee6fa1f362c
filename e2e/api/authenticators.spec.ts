import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, newAccount } from "../fixtures/accounts";
import { connectOverHttp } from "../fixtures/connect";
import { OIDC_CLIENT, OIDC_ISSUER } from "../fixtures/env";
import { CUSTOM_EXAMPLE, GOOGLE_EXAMPLE, MICROSOFT_EXAMPLE, withAppId } from "../fixtures/spec-examples";

let baseURL = "";
let key = "";
let appId = "";
let api: APIRequestContext;

test.beforeAll(async ({}, info) => {
  baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "registry");
  appId = (await (await owner.api.post("/api/v1/apps", { data: { name: "Registry e2e" } })).json()).app_id;
  key = (await (await owner.api.post("/api/v1/api-keys", { data: { name: "registry" } })).json()).key;
  api = await bearer(baseURL, key);
});

const post = (body: string) => api.post("/api/v1/oauth/authenticators", { headers: { "content-type": "application/json" }, data: Buffer.from(body) });
const listIds = async () =>
  ((await (await api.get(`/api/v1/oauth/authenticators?app_id=${appId}&include_disabled=true`)).json()).authenticators as Array<{ authenticator_id: string }>).map((a) => a.authenticator_id);

test("the spec's Google, Microsoft and Custom examples are accepted byte for byte and listed", async () => {
  for (const [example, id] of [[GOOGLE_EXAMPLE, "google"], [MICROSOFT_EXAMPLE, "microsoft"], [CUSTOM_EXAMPLE, "custom"]] as const) {
    const response = await post(withAppId(example, appId));
    expect(response.status(), await response.text()).toBe(201);
    const body = await response.json();
    const sent = JSON.parse(example);
    expect(body).toMatchObject({
      authenticator_id: id, name: sent.name, authenticator_type: sent.authenticator_type, client_id: sent.client_id,
      scopes: sent.scopes, redirect_uri: sent.redirect_uri, authorize_url: sent.authorize_url, token_url: sent.token_url,
      client_secret_set: true,
    });
    expect(JSON.stringify(body)).not.toContain(sent.client_secret);
  }
  const listed = await (await api.get(`/api/v1/oauth/authenticators?app_id=${appId}`)).json();
  expect(listed.authenticators.map((a: { name: string }) => a.name)).toEqual(["Google", "Microsoft", "Custom Provider"]);
  expect(JSON.stringify(listed)).not.toMatch(/GOCSPX-your-secret-here|your-microsoft-secret|your-custom-client-secret/);
  const one = await (await api.get("/api/v1/oauth/authenticators/google")).json();
  expect(one.client_secret_hint).toBe("…here");
});

test("bad input gets a 4xx envelope with a stable code and changes nothing", async () => {
  const before = await listIds();
  const cases: Array<[string, number, string]> = [
    [JSON.stringify({ app_id: appId, scopes: ["x"] }), 422, "missing_required_fields"],
    [JSON.stringify({ app_id: appId, name: "X", authenticator_type: "nope", client_id: "c", client_secret: "s" }), 422, "unknown_authenticator_type"],
    [JSON.stringify({ app_id: appId, name: "X", authenticator_type: "google", client_id: "c", client_secret: "s", colour: "red" }), 422, "validation_error"],
    [JSON.stringify({ app_id: appId, name: "X", authenticator_type: "custom", client_id: "c", client_secret: "s", authorize_url: "https://a.example/auth", token_url: "https://169.254.169.254/token" }), 422, "invalid_provider_url"],
    [JSON.stringify({ app_id: appId, name: "X", authenticator_type: "google", client_id: "c", client_secret: "s", redirect_uri: "https://evil.example/auth/callback/x" }), 422, "invalid_redirect_uri"],
    [JSON.stringify({ app_id: appId, name: "Google", authenticator_type: "google", client_id: "c", client_secret: "s" }), 409, "authenticator_exists"],
    ["{not json", 400, "invalid_json"],
    [JSON.stringify({ app_id: appId, name: "X".repeat(1_100_000) }), 413, "payload_too_large"],
  ];
  for (const [body, status, code] of cases) {
    const response = await post(body);
    expect(response.status(), body.slice(0, 80)).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  }
  const missing = await (await post(JSON.stringify({ app_id: appId }))).json();
  expect(missing.error.message).toBe("Missing required fields: name, authenticator_type, client_id, client_secret");
  expect(await listIds()).toEqual(before);
});

test("update, disable, rotate and delete through the API", async () => {
  const patched = await api.patch("/api/v1/oauth/authenticators/microsoft", { data: { scopes: "User.Read, Mail.Read" } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).scopes).toEqual(["User.Read", "Mail.Read"]);
  const rotated = await (await api.patch("/api/v1/oauth/authenticators/microsoft", { data: { client_secret: "new-microsoft-secret-4321" } })).json();
  expect(rotated.client_secret_hint).toBe("…4321");
  await api.patch("/api/v1/oauth/authenticators/microsoft", { data: { is_active: false } });
  expect(await listIds()).toContain("microsoft");
  const active = await (await api.get(`/api/v1/oauth/authenticators?app_id=${appId}`)).json();
  expect(active.authenticators.map((a: { authenticator_id: string }) => a.authenticator_id)).not.toContain("microsoft");
  expect((await api.patch("/api/v1/oauth/authenticators/microsoft", { data: { authenticator_type: "github" } })).status()).toBe(422);
  expect((await api.delete("/api/v1/oauth/authenticators/microsoft")).status()).toBe(204);
  const gone = await api.get("/api/v1/oauth/authenticators/microsoft");
  expect(gone.status()).toBe(404);
  expect((await gone.json()).error.code).toBe("authenticator_not_found");
});

test("templates and discovery", async ({ request }) => {
  // snake_case like every other route (lib/schemas/templates.ts); no camelCase spelling of any field.
  const listed = await request.get("/api/v1/oauth/templates");
  expect(listed.headers()["cache-control"]).toBe("public, max-age=300");
  const templates = (await listed.json()).templates;
  expect(templates.length).toBeGreaterThanOrEqual(250);
  expect(templates.slice(0, 4).map((t: { type: string }) => t.type)).toEqual(["google", "microsoft", "github", "slack"]);
  expect(templates[0]).toEqual({
    type: "google", display_name: "Google", tier: "first-class", category: "productivity", connection_config: [], scope_count: expect.any(Number), configurable_host: false,
  });
  expect(templates.find((t: { type: string }) => t.type === "shopify")).toMatchObject({ connection_config: ["shop"], configurable_host: false });
  const verified = (await (await request.get("/api/v1/oauth/templates?tier=verified&q=zen")).json()).templates;
  expect(verified.map((t: { type: string }) => t.type)).toEqual(["zendesk"]);
  const badTier = await request.get("/api/v1/oauth/templates?tier=gold");
  expect(badTier.status()).toBe(422);
  expect((await badTier.json()).error).toMatchObject({ code: "validation_error", details: [expect.objectContaining({ path: "query.tier" })] });

  const google = await (await request.get("/api/v1/oauth/templates/google")).json();
  expect(google).toMatchObject({
    display_name: "Google",
    authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
    token_url: "https://oauth2.googleapis.com/token",
    revocation: { kind: "google", url: "https://oauth2.googleapis.com/revoke" },
    authorization_params: { access_type: "offline", prompt: "consent" },
    default_scopes: ["openid", "email", "profile"],
    token_auth_method: "client_secret_post",
    console_url: "https://console.cloud.google.com/apis/credentials",
  });
  expect(google.scopes[0]).toEqual({ name: "openid", description: "Sign the user in with OpenID Connect (ID token)", use_case: "User identification" });
  expect(google.scope_bundles.map((b: { id: string }) => b.id)).toContain("read-gmail");
  const camel = JSON.stringify(google).match(/"[a-z]+[A-Z][A-Za-z]*":/g);
  expect(camel).toBeNull();
  const shopify = await (await request.get("/api/v1/oauth/templates/shopify")).json();
  expect(shopify.connection_config).toEqual([expect.objectContaining({ name: "shop", required: true })]);
  expect((await (await request.get("/api/v1/oauth/templates/github")).json()).quirks).toEqual({ errors_with_status_200: true, non_expiring_tokens: true });
  const missing = await request.get("/api/v1/oauth/templates/nope");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("template_not_found");

  const issuer = OIDC_ISSUER;
  const discovered = await api.post("/api/v1/oauth/discovery", { data: { issuer } });
  expect(discovered.status(), await discovered.text()).toBe(200);
  expect(await discovered.json()).toMatchObject({ authorize_url: `${issuer}/auth`, token_url: `${issuer}/token`, configuration: { issuer } });
  const metadata = await api.post("/api/v1/oauth/discovery", { data: { issuer: "http://169.254.169.254" } });
  expect(metadata.status()).toBe(422);
  const wrong = await api.post("/api/v1/oauth/discovery", { data: { issuer: `${issuer}/tenant-a` } });
  expect(wrong.status()).toBe(502);
  expect((await wrong.json()).error.code).toBe("discovery_failed");
});

test("discovery answers in the registration shape: its output posts straight to the registry, and users connect through it", async ({}, info) => {
  const owner = await newAccount(baseURL, "discovery-trip");
  const app = (await (await owner.api.post("/api/v1/apps", { data: { name: "Discovery trip" } })).json()).app_id as string;
  const discovered = await owner.api.post("/api/v1/oauth/discovery", { data: { issuer: OIDC_ISSUER } });
  expect(discovered.status(), await discovered.text()).toBe(200);
  const found = await discovered.json();
  expect(found).toEqual({
    authorize_url: `${OIDC_ISSUER}/auth`,
    token_url: `${OIDC_ISSUER}/token`,
    scopes: expect.arrayContaining(["openid", "offline_access"]),
    configuration: expect.objectContaining({ issuer: OIDC_ISSUER, revocation_url: `${OIDC_ISSUER}/token/revocation`, authorization_response_iss_parameter_supported: expect.any(Boolean) }),
  });

  // The answer, plus who and what, is a registration; nothing is renamed or dropped on the way.
  const registered = await owner.api.post("/api/v1/oauth/authenticators", {
    data: { ...found, app_id: app, name: "Discovered", authenticator_type: "custom", ...OIDC_CLIENT, scopes: ["openid", "offline_access"], configuration: { ...found.configuration, authorization_params: { prompt: "consent" } } },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const authenticator = await registered.json();
  expect(authenticator).toMatchObject({ authorize_url: found.authorize_url, token_url: found.token_url, configuration: found.configuration });
  // Sent exactly as discovery answered it, too (every advertised scope).
  const verbatim = await owner.api.post("/api/v1/oauth/authenticators", { data: { ...found, app_id: app, name: "Verbatim", authenticator_type: "custom", ...OIDC_CLIENT } });
  expect(verbatim.status(), await verbatim.text()).toBe(201);
  expect((await verbatim.json()).scopes).toEqual(found.scopes);

  const connected = await connectOverHttp(owner.api, info.project.use.baseURL!, authenticator.authenticator_id, "/apps");
  expect(connected.status).toBe(303);
  expect(connected.location.pathname).toBe("/apps");
  const connections = (await (await owner.api.get(`/api/v1/credentials/connections?app_id=${app}`)).json()).connections;
  expect(connections).toEqual([expect.objectContaining({ authenticator_id: authenticator.authenticator_id, status: "active" })]);
});
