import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { createFiberWiseServer } from "../../lib/sdk/server";
import { newAccount } from "../fixtures/accounts";
import { appWithLocalOidc } from "../fixtures/connect";
import { OIDC_CLIENT, OIDC_ISSUER } from "../fixtures/env";
import { freePort, startInstance } from "../fixtures/instance";
import { loginAndConsent } from "../fixtures/provider-login";

// Issue 11: an app's own page, on another origin, imports the platform's SDK module, and its end
// user (who never signs up to FiberWise) connects an account through the real provider's login and
// consent; the app's backend then gets that end user's token.
let appPage: Server;
let pageOrigin = "";

const PAGE = (platform: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Customer app</title></head><body>
<h1>Customer app settings</h1>
<button id="connect" type="button">Connect</button>
<pre id="out"></pre>
<script type="module">
  import FiberWise from "${platform}/sdk/fiberwise.js";
  window.FiberWise = FiberWise;
  // The button's click is the user gesture the popup needs.
  document.getElementById("connect").addEventListener("click", () => {
    const { token, appId, authenticator } = window.connectWith;
    const fiber = new FiberWise({ baseUrl: "${platform}/api/v1", appId, sessionToken: token });
    window.result = fiber.credentials.connectAuthenticator(authenticator, { popup: true })
      .then((r) => r, (e) => ({ error: e.code, name: e.name }));
  });
  window.sdkReady = true;
</script></body></html>`;

test.beforeAll(async ({}, info) => {
  const platform = info.project.use.baseURL!;
  const port = await freePort();
  // 127.0.0.2 is loopback too, and a different origin from the platform's 127.0.0.1.
  appPage = createServer((req, res) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE(platform)));
  await new Promise<void>((resolve) => appPage.listen(port, "127.0.0.2", resolve));
  pageOrigin = `http://127.0.0.2:${port}`;
});
test.afterAll(() => new Promise<void>((resolve) => appPage.close(() => resolve())));

async function backendFor(baseURL: string, label: string) {
  const owner = await newAccount(baseURL, label);
  const { appId, authenticatorId } = await appWithLocalOidc(owner.api, `${label} OIDC`);
  const created = await owner.api.post("/api/v1/api-keys", { data: { name: "backend", app_id: appId, scopes: ["connect:write", "tokens:read", "connections:read"] } });
  const fiber = createFiberWiseServer({ baseUrl: baseURL, apiKey: ((await created.json()) as { key: string }).key });
  return { owner, appId, authenticatorId, fiber };
}

async function openAppPage(page: Page, session: { token: string }, appId: string, authenticator: string) {
  await page.goto(pageOrigin);
  await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true);
  await page.evaluate((w) => void ((window as unknown as { connectWith: unknown }).connectWith = w), { token: session.token, appId, authenticator });
}

const introspect = async (token: string) =>
  ((await (await fetch(`${OIDC_ISSUER}/token/introspection`, { method: "POST", body: new URLSearchParams({ token, ...OIDC_CLIENT }) })).json()) as { active: boolean });

test("a page on another origin imports /sdk/fiberwise.js, connects an end user in a popup, and the backend gets their token", async ({ page }, info) => {
  const baseURL = info.project.use.baseURL!;
  const { appId, authenticatorId, fiber } = await backendFor(baseURL, "popup");
  const session = await fiber.createConnectSession({ endUser: { id: "u_123", email: "u123@customer.test" }, allowedAuthenticators: [authenticatorId], allowedOrigins: [pageOrigin] });
  expect(session.connect_url).toBe(`${baseURL}/connect/${session.token}`);

  await openAppPage(page, session, appId, authenticatorId);
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#connect")]);
  await loginAndConsent(popup, "end-user-123");
  await popup.waitForEvent("close");
  expect(await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result)).toEqual({ authenticatorId, status: "success" });

  // Cross-origin with the session token: the page sees the status, never a token.
  const connections = await page.evaluate(
    async ([token, app, base]) => {
      const W = window as unknown as { FiberWise: new (o: object) => { credentials: { listConnections(): Promise<Array<Record<string, unknown>>>; isConnected(id: string): Promise<boolean> } } };
      const fiberInPage = new W.FiberWise({ baseUrl: `${base}/api/v1`, appId: app, sessionToken: token });
      return fiberInPage.credentials.listConnections();
    },
    [session.token, appId, baseURL] as const,
  );
  expect(connections).toMatchObject([{ authenticator_id: authenticatorId, status: "active" }]);

  const token = await fiber.getAccessToken({ authenticator: authenticatorId, endUserId: "u_123" });
  expect(await introspect(token.access_token)).toMatchObject({ active: true });
  expect(JSON.stringify(connections)).not.toContain(token.access_token);
  // The token fast path answers the same request on the second call (bookkeeping done by the first).
  const again = await fiber.getAccessToken({ authenticator: authenticatorId, endUserId: "u_123" });
  expect(again.access_token).toBe(token.access_token);
});

test("the redirect variant: the hosted connect page, the provider, and back to return_to on the app's origin", async ({ page }, info) => {
  const baseURL = info.project.use.baseURL!;
  const { authenticatorId, fiber } = await backendFor(baseURL, "redirect");
  const session = await fiber.createConnectSession({
    endUser: { id: "u_redirect" }, allowedAuthenticators: [authenticatorId], allowedOrigins: [pageOrigin], returnTo: `${pageOrigin}/settings`,
  });
  await page.goto(session.connect_url);
  await expect(page.getByRole("heading", { name: /Connect your accounts to redirect OIDC app/ })).toBeVisible();
  const card = page.getByTestId(`connect-card-${authenticatorId}`);
  await expect(card.getByTestId("connect-status")).toHaveText("Not connected");
  await expect(card).toContainText("Confirm who you are");
  await page.screenshot({ path: info.outputPath("hosted-connect-page.png"), fullPage: true });
  await card.getByRole("link", { name: "Connect" }).click();
  await loginAndConsent(page, "end-user-redirect");
  await page.waitForURL(`${pageOrigin}/settings?oauth_callback=${authenticatorId}&status=success`);
  await page.goto(session.connect_url);
  await expect(page.getByTestId(`connect-card-${authenticatorId}`).getByTestId("connect-status")).toHaveText("Connected");
  expect((await fiber.getAccessToken({ authenticator: authenticatorId, endUserId: "u_redirect" })).access_token).toBeTruthy();
});

test("a disallowed authenticator and a denied consent reject in the page with FiberWiseError codes", async ({ page }, info) => {
  const baseURL = info.project.use.baseURL!;
  const { owner, appId, authenticatorId, fiber } = await backendFor(baseURL, "refuse");
  const { authenticator_id: otherId } = await appWithLocalOidcIn(owner.api, appId);
  const session = await fiber.createConnectSession({ endUser: { id: "u_refuse" }, allowedAuthenticators: [authenticatorId], allowedOrigins: [pageOrigin] });

  await openAppPage(page, session, appId, otherId);
  const [blocked] = await Promise.all([page.waitForEvent("popup"), page.click("#connect")]);
  await blocked.waitForEvent("close");
  expect(await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result)).toEqual({ error: "authenticator_not_allowed", name: "FiberWiseError" });

  await openAppPage(page, session, appId, authenticatorId);
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#connect")]);
  await loginAndConsent(popup, "end-user-deny", { deny: true });
  await popup.waitForEvent("close");
  expect(await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result)).toEqual({ error: "access_denied", name: "FiberWiseError" });
  await expect(fiber.getAccessToken({ authenticator: authenticatorId, endUserId: "u_refuse" })).rejects.toMatchObject({ code: "connection_not_found" });
});

test("an expired or unknown connect link shows a clear 404 page, and the SDK rejects with connect_session_expired", async ({ page }) => {
  // Its own instance, so the test can expire the session in the database.
  const instance = await startInstance();
  try {
    const { owner, appId, authenticatorId, fiber } = await backendFor(instance.url, "expire");
    void owner;
    const session = await fiber.createConnectSession({ endUser: { id: "u_expired" }, allowedAuthenticators: [authenticatorId], allowedOrigins: [pageOrigin] });
    const live = await page.goto(session.connect_url);
    expect(live!.status()).toBe(200);
    await instance.script("e2e/fixtures/expire-connect-sessions.ts");
    const expired = await page.goto(session.connect_url);
    expect(expired!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This connect link can't be used" })).toBeVisible();
    const unknown = await page.goto(`${instance.url}/connect/fw_cs_not-a-real-token`);
    expect(unknown!.status()).toBe(404);
    expect(await unknown!.text()).not.toMatch(/at \S+\.ts:\d+|Error:/);

    await page.goto(pageOrigin);
    const code = await page.evaluate(
      async ([token, app, base]) => {
        const { default: FiberWise } = await import(`${base}/sdk/fiberwise.js`);
        try {
          await new FiberWise({ baseUrl: `${base}/api/v1`, appId: app, sessionToken: token }).credentials.listConnections();
          return "resolved";
        } catch (error) {
          return (error as { code: string }).code;
        }
      },
      [session.token, appId, instance.url] as const,
    );
    expect(code).toBe("connect_session_expired");
  } finally {
    await instance.stop();
  }
});

async function appWithLocalOidcIn(api: Awaited<ReturnType<typeof newAccount>>["api"], appId: string) {
  const response = await api.post("/api/v1/oauth/authenticators", {
    data: {
      app_id: appId, name: "Second OIDC", authenticator_type: "custom", ...OIDC_CLIENT, scopes: ["openid"],
      authorize_url: `${OIDC_ISSUER}/auth`, token_url: `${OIDC_ISSUER}/token`, configuration: { issuer: OIDC_ISSUER },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { authenticator_id: string };
}
