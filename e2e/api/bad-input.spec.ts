import { expect, test, type APIRequestContext } from "@playwright/test";
import { newAccount, PASSWORD } from "../fixtures/accounts";
import { appWithLocalOidc, connectOverHttp } from "../fixtures/connect";
import { sendRaw } from "../fuzz/runner";

// Bad input is a 4xx in the envelope everywhere (paths, queries, bodies, pages), no user input
// reaches a response header raw, and a cookie-authenticated write needs Origin = APP_URL's origin.
let baseURL = "";
let owner: Awaited<ReturnType<typeof newAccount>>;
let cookie = "";
let appId = "";
const CONTROL = /[\u0000-\u001f\u007f]/;

test.beforeAll(async ({}, info) => {
  baseURL = info.project.use.baseURL!;
  owner = await newAccount(baseURL, "bad-input");
  cookie = (await owner.api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  appId = ((await (await owner.api.post("/api/v1/apps", { data: { name: "Bad input" } })).json()) as { app_id: string }).app_id;
});

const raw = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  sendRaw(new URL(baseURL), undefined, { method, path, headers: { cookie, ...headers }, body });
const envelope = (body: string) => (JSON.parse(body) as { error: { code: string; details?: Array<{ path: string }> } }).error;

test("CSRF: Origin must be APP_URL's origin; matching Host or X-Forwarded-Host is not enough", async () => {
  const port = new URL(baseURL).port;
  const post = (headers: Record<string, string>) => raw("POST", "/api/v1/apps", { "content-type": "application/json", ...headers }, JSON.stringify({ name: "Drive-by" }));
  const variants: Array<Record<string, string>> = [
    { host: `localhost:${port}`, origin: `http://localhost:${port}` },
    { "x-forwarded-host": "evil.example", origin: "http://evil.example" },
    { host: "evil.example", origin: "http://evil.example" },
    { origin: "null" },
    {},
  ];
  for (const headers of variants) {
    const answer = await post(headers);
    expect([answer.status, envelope(answer.body).code], JSON.stringify(headers)).toEqual([403, "cross_origin_refused"]);
  }
  expect((await (await owner.api.get("/api/v1/apps")).json()).apps.map((a: { name: string }) => a.name)).not.toContain("Drive-by");
  // The right Origin works whatever Host says.
  expect((await post({ host: `localhost:${port}`, origin: new URL(baseURL).origin })).status).toBe(201);
});

test("a callbackUrl with control characters: no 500, and no raw control character in Location", async () => {
  for (const value of ["%2F%0D%0ASet-Cookie%3A%20x%3D1", "%2F%09%2Fevil.com", "/%09/evil.com", "%0A", "%E0%A4%A", "/%00"]) {
    const page = await raw("GET", `/signin?callbackUrl=${value}`);
    expect(page.status, value).toBeLessThan(500);
    expect([307, 308, 303], value).toContain(page.status);
    expect(page.headers.location, value).toBe("/");
    for (const path of [`/api/auth/signin?callbackUrl=${value}`, `/api/auth/signin/credentials?callbackUrl=${value}`]) {
      const answer = await raw("GET", path);
      expect(answer.status, path).toBeLessThan(500);
      expect(String(answer.headers.location ?? ""), path).not.toMatch(CONTROL);
      expect([answer.headers["set-cookie"] ?? []].flat().join("\n"), path).not.toMatch(/evil\.com|Set-Cookie: x/);
    }
  }
  // A hostile callbackUrl posted to next-auth, or left in its cookie, is refused in the envelope
  // (and the cookie cleared); a same-origin one is followed.
  const { csrfToken } = (await (await owner.api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = (callbackUrl: string) =>
    owner.api.post("/api/auth/callback/credentials", { form: { csrfToken, email: owner.email, password: PASSWORD, json: "true", callbackUrl } });
  for (const hostile of ["/\t/evil.com", "https://evil.com", "//evil.com"]) {
    const refused = await signIn(hostile);
    expect([refused.status(), (await refused.json()).error.code], hostile).toEqual([400, "invalid_callback_url"]);
  }
  const followed = await signIn(`${new URL(baseURL).origin}/apps`);
  expect(followed.status()).toBe(200);
  expect((await followed.json()).url).toBe(`${new URL(baseURL).origin}/apps`);
  const badCookie = await raw("GET", "/api/auth/session", { cookie: `${cookie}; next-auth.callback-url=%2F%09%2Fevil.com` });
  expect([badCookie.status, envelope(badCookie.body).code]).toEqual([400, "invalid_callback_url"]);
  expect([badCookie.headers["set-cookie"] ?? []].flat().join()).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
});

test("the connect flow's return_to chained into /signin?callbackUrl=… falls back to the Connections tab", async () => {
  const { authenticatorId } = await appWithLocalOidc(owner.api, "Return-to OIDC");
  const done = await connectOverHttp(owner.api, baseURL, authenticatorId, "/signin?callbackUrl=%2F%09%2Fevil.com");
  expect(done.status).toBe(303);
  expect(done.location.origin).toBe(new URL(baseURL).origin);
  expect(done.location.pathname + done.location.searchParams.get("tab")).toBe("/settings/oauth-authenticators" + "connections");
});

test("pages with junk search params render (no 500), falling back to defaults", async () => {
  const pages: Array<[string, RegExp]> = [
    [`/audit-log?app_id=${appId}&before=99999999999999999999&outcome=%00&limit=abc&type=${"x".repeat(100)}`, /Audit log/],
    ["/audit-log?before=2147483648&before=%C3%28&outcome=maybe", /Audit log/],
    [`/monitoring?app_id=%00&days=1e9`, /Monitoring/],
    ["/settings/oauth-authenticators?tab=%3Cscript%3E&app_id=NOT%20AN%20ID%00", /OAuth Authenticators/],
    ["/oauth/error?code=%3Cb%3ECall%20555-0100%3C%2Fb%3E", /Error code: (<!-- -->)?<code[^>]*>unknown</],
    ["/signin?callbackUrl=%F0%9F%98%80&callbackUrl=%ED%A0%80", /Sign in|Overview/],
  ];
  for (const [path, expected] of pages) {
    const answer = await raw("GET", path, { accept: "text/html" });
    expect(answer.status, path).toBeLessThan(400);
    if (answer.status === 200) expect(answer.body, path).toMatch(expected);
  }
});

test("malformed path segments, ids out of range and unstorable text are 4xx in the envelope", async ({ playwright }) => {
  const key = (await (await owner.api.post("/api/v1/api-keys", { data: { name: "bad input" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  const cases: Array<[string, string, number, string]> = [
    ["GET", `/api/v1/apps/%E0%A4%A`, 400, "invalid_path"],
    ["GET", `/api/v1/apps/%ED%A0%80/members`, 400, "invalid_path"],
    ["DELETE", `/api/v1/api-keys/%zz`, 400, "invalid_path"],
    ["GET", `/api/v1/oauth/templates/\u00c3\u0028`, 400, "malformed_request"],
    ["GET", `/api/v1/oauth/authenticators/a%00b`, 404, "authenticator_not_found"],
    ["GET", `/api/v1/apps/${appId}%00`, 404, "app_not_found"],
    ["PATCH", `/api/v1/apps/${appId}/members/2147483648`, 422, "validation_error"],
    ["GET", `/api/v1/credentials/connections/google/token?user_id=2147483648`, 422, "validation_error"],
    ["GET", `/api/v1/events?app_id=${appId}&before=1e400`, 422, "validation_error"],
    ["GET", `/api/v1/metrics?app_id=%00`, 422, "invalid_characters"],
    ["GET", `/api/v1/oauth/authenticators?app_id=${appId}%00`, 422, "invalid_characters"],
  ];
  for (const [method, path, status, code] of cases) {
    const answer = await raw(method, path, { ...auth, "content-type": "application/json" }, method === "PATCH" ? '{"role":"member"}' : undefined);
    expect([answer.status, envelope(answer.body).code], `${method} ${path}`).toEqual([status, code]);
  }
  const api: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: auth });
  for (const [text, path] of [['{"name":"a\\u0000b"}', "name"], ['{"name":"ok","description":"\\ud800"}', "description"]]) {
    const answer = await raw("PATCH", `/api/v1/apps/${appId}`, { origin: new URL(baseURL).origin, "content-type": "application/json" }, text);
    expect([answer.status, envelope(answer.body).code, envelope(answer.body).details?.[0]?.path]).toEqual([422, "invalid_characters", path]);
  }
  expect((await (await api.get(`/api/v1/apps/${appId}`)).json()).name).toBe("Bad input");
  await api.dispose();
});
