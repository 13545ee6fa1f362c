import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "../fixtures/accounts";
import { seriousViolations } from "../fixtures/page-checks";

// Settings → OAuth Authenticators, Connections tab: a developer registers a custom provider by
// discovery against the real oidc-provider the config starts, and an end user connects through it
// (login and consent pages) and disconnects.

const ISSUER = `http://127.0.0.1:${process.env.E2E_OIDC_PORT ?? 3101}`;
const CLIENT = { id: "e2e-client", secret: "e2e-client-secret-0123456789abcdef" };

async function signedIn(page: Page, label: string) {
  const email = uniqueEmail(label);
  await signUp(page.request, email);
  await signIn(page.request, email);
  return email;
}

async function createApp(page: Page, baseURL: string, label: string) {
  const response = await page.request.post("/api/v1/apps", { data: { name: `${label} ${randomUUID().slice(0, 6)}` }, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { app_id: string; name: string };
}

async function addMember(page: Page, baseURL: string, appId: string, email: string) {
  const response = await page.request.post(`/api/v1/apps/${appId}/members`, { data: { email, role: "member" }, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBe(201);
}

test("a custom provider registered by discovery; a member connects through it and disconnects", async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  await signedIn(page, "oidc-owner");
  const app = await createApp(page, baseURL!, "Notes");

  // The developer: a custom provider, its endpoints discovered from the issuer.
  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${app.app_id}`);
  await page.getByRole("button", { name: "Add Authenticator" }).click();
  const dialog = page.getByRole("dialog", { name: "Add authenticator" });
  const picker = dialog.getByRole("combobox", { name: "Provider" });
  await picker.fill("custom");
  await dialog.getByRole("option", { name: "Custom provider" }).click();
  await dialog.getByLabel("Name").fill("Local OIDC");
  await expect(dialog.getByTestId("redirect-uri")).toHaveText(`${baseURL}/auth/callback/local-oidc`);
  await dialog.getByLabel(/Issuer URL/).fill(ISSUER);
  await dialog.getByRole("button", { name: "Discover from issuer" }).click();
  await expect(dialog.getByLabel("Authorize URL")).toHaveValue(`${ISSUER}/auth`);
  await expect(dialog.getByLabel("Token URL")).toHaveValue(`${ISSUER}/token`);
  await expect(dialog.getByLabel(/Revocation URL/)).toHaveValue(`${ISSUER}/token/revocation`);
  await expect(dialog.getByText(`Found the metadata of ${ISSUER}`)).toBeVisible();

  // Scopes: two of the discovered ones as chips, one typed.
  await dialog.getByRole("button", { name: "openid", exact: true }).click();
  await dialog.getByRole("button", { name: "offline_access", exact: true }).click();
  await dialog.getByLabel(/Add scopes/).fill("profile");
  await dialog.getByLabel(/Add scopes/).press("Enter");
  await expect(dialog.getByRole("list", { name: "Selected scopes" }).getByRole("listitem")).toHaveText([/^openid/, /^offline_access/, /^profile/]);
  await dialog.getByLabel("Client ID").fill(CLIENT.id);
  await dialog.getByLabel("Client secret").fill(CLIENT.secret);
  await dialog.getByRole("button", { name: "Register authenticator" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("registered-redirect-uri")).toHaveText(new RegExp(`^${baseURL}/auth/callback/local-oidc(-\\d+)?$`));

  const [registered] = (await (await page.request.get(`/api/v1/oauth/authenticators?app_id=${app.app_id}`)).json()).authenticators;
  expect(registered).toMatchObject({
    name: "Local OIDC",
    authenticator_type: "custom",
    scopes: ["openid", "offline_access", "profile"],
    authorize_url: `${ISSUER}/auth`,
    token_url: `${ISSUER}/token`,
    configuration: { issuer: ISSUER, revocation_url: `${ISSUER}/token/revocation` },
  });
  const id: string = registered.authenticator_id;

  // The end user, in their own browser.
  const memberEmail = uniqueEmail("oidc-member");
  const context = await browser.newContext({ baseURL });
  const user = await context.newPage();
  await signUp(user.request, memberEmail);
  await addMember(page, baseURL!, app.app_id, memberEmail);
  await signIn(user.request, memberEmail);
  await user.goto(`/settings/oauth-authenticators?tab=connections&app_id=${app.app_id}`);
  const card = user.getByTestId(`connection-${id}`);
  await expect(card.getByTestId("connection-status")).toHaveText("Not connected");
  await expect(card).toContainText(`${app.name} will be able to`);
  await expect(card).toContainText("Confirm who you are (OpenID Connect)");

  await card.getByRole("link", { name: "Connect Local OIDC" }).click();
  await expect(user).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await user.locator('input[name="login"]').fill("alice");
  await user.locator('input[name="password"]').fill("any password");
  await user.getByRole("button", { name: "Sign-in" }).click();
  await user.getByRole("button", { name: "Continue" }).click();

  // Back on the Connections tab: a success toast, the callback parameters gone from the URL.
  await expect(user.getByTestId("toast").filter({ hasText: "Local OIDC connected" })).toBeVisible();
  await expect(user).toHaveURL(`${baseURL}/settings/oauth-authenticators?tab=connections&app_id=${app.app_id}`);
  await expect(card.getByTestId("connection-status")).toHaveText("Connected");
  await expect(card).toContainText("Connected since");
  await expect(card).toContainText("Token expires");
  await expect(card.getByRole("list", { name: "Scopes granted to Local OIDC" })).toContainText("openid");

  // The developer sees the connection counted.
  await page.reload();
  await expect(page.getByRole("row", { name: /Local OIDC/ }).getByTestId("connections-count")).toHaveText("1");

  expect(await seriousViolations(user)).toEqual([]);
  await user.setViewportSize({ width: 1280, height: 800 });
  const desktop = test.info().outputPath("connections-tab.png");
  await user.screenshot({ path: desktop, fullPage: true });
  await test.info().attach("connections-tab", { path: desktop, contentType: "image/png" });
  await user.setViewportSize({ width: 375, height: 740 });
  await user.getByRole("button", { name: "Dismiss notification" }).click();
  const overflow = await user.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const mobile = test.info().outputPath("connections-tab-375.png");
  await user.screenshot({ path: mobile, fullPage: true });
  await test.info().attach("connections-tab-375", { path: mobile, contentType: "image/png" });
  await user.setViewportSize({ width: 1280, height: 800 });

  // Disconnect, confirmed: revoked at the provider, gone from the list.
  const disconnectButton = card.getByRole("button", { name: "Disconnect Local OIDC" });
  await disconnectButton.click();
  const confirm = user.getByRole("alertdialog", { name: "Disconnect Local OIDC?" });
  await expect(confirm).toContainText("revokes its access at the provider");
  const revoke = user.waitForResponse((r) => r.request().method() === "DELETE" && r.url().includes(`/api/v1/credentials/connections/${id}`));
  await confirm.getByRole("button", { name: "Disconnect" }).click();
  const response = await revoke;
  expect(response.status()).toBe(204);
  expect(response.headers()["x-provider-revocation"]).toBeTruthy();
  await expect(user.getByTestId("toast").filter({ hasText: "Local OIDC disconnected" })).toBeVisible();
  await expect(card.getByTestId("connection-status")).toHaveText("Not connected");
  const connections = await (await user.request.get(`/api/v1/credentials/connections?app_id=${app.app_id}`)).json();
  expect(connections.connections).toEqual([]);
  await context.close();
});

test("a provider that grants fewer scopes than asked leaves the connection needing a reconnect", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  await signedIn(page, "oidc-partial");
  const app = await createApp(page, baseURL!, "Partial");
  const created = await page.request.post("/api/v1/oauth/authenticators", {
    data: {
      app_id: app.app_id, name: "Calendar Cloud", authenticator_type: "custom", client_id: CLIENT.id, client_secret: CLIENT.secret,
      authorize_url: `${ISSUER}/auth`, token_url: `${ISSUER}/token`, scopes: "openid calendar.read",
      configuration: { issuer: ISSUER, revocation_url: `${ISSUER}/token/revocation` },
    },
    headers: { origin: baseURL! },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { authenticator_id: id } = await created.json();

  await page.goto(`/settings/oauth-authenticators?tab=connections&app_id=${app.app_id}`);
  const card = page.getByTestId(`connection-${id}`);
  await card.getByRole("link", { name: "Connect Calendar Cloud" }).click();
  await page.locator('input[name="login"]').fill("bob");
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByTestId("toast").filter({ hasText: "Couldn't connect Calendar Cloud" })).toContainText("Calendar Cloud did not grant: calendar.read");
  await expect(page).toHaveURL(`${baseURL}/settings/oauth-authenticators?tab=connections&app_id=${app.app_id}`);
  await expect(card.getByTestId("connection-status")).toHaveText("Insufficient scopes");
  await expect(card.getByRole("note")).toContainText("calendar.read");
  await expect(card.getByRole("link", { name: "Reconnect Calendar Cloud" })).toBeVisible();
  await expect(card.getByRole("button", { name: "Disconnect Calendar Cloud" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("returning from the provider with an error shows what happened and cleans the URL", async ({ page, baseURL }) => {
  await signedIn(page, "callback-errors");
  const app = await createApp(page, baseURL!, "Errors");
  const created = await page.request.post("/api/v1/oauth/authenticators", {
    data: { app_id: app.app_id, name: "GitHub", authenticator_type: "github", client_id: "Iv1.abc", client_secret: "github-secret-0123456789", scopes: ["repo"] },
    headers: { origin: baseURL! },
  });
  const { authenticator_id: id } = await created.json();
  const base = `/settings/oauth-authenticators?tab=connections&app_id=${app.app_id}`;

  await page.goto(`${base}&oauth_callback=${id}&status=error&error=access_denied`);
  await expect(page.getByTestId("toast").filter({ hasText: "Couldn't connect GitHub" })).toContainText("You declined access at the provider");
  await expect(page).toHaveURL(`${baseURL}${base}`);

  await page.goto(`${base}&oauth_callback=${id}&status=error&error=insufficient_scopes&missing_scopes=repo%20read:org`);
  await expect(page.getByTestId("toast").filter({ hasText: "Couldn't connect GitHub" })).toContainText("GitHub did not grant: repo, read:org");
  await expect(page).toHaveURL(`${baseURL}${base}`);

  // Connect links come back to this tab, for this app.
  const connect = page.getByRole("link", { name: "Connect GitHub" });
  const href = new URL((await connect.getAttribute("href"))!, baseURL);
  expect(href.pathname).toBe(`/api/v1/oauth/connect/${id}`);
  expect(href.searchParams.get("app_id")).toBe(app.app_id);
  expect(href.searchParams.get("return_to")).toBe(base);
});

test("no authenticator yet: members are told to contact the app's owners", async ({ page, browser, baseURL }) => {
  const ownerEmail = await signedIn(page, "contact-owner");
  const app = await createApp(page, baseURL!, "Empty");
  const memberEmail = uniqueEmail("contact-member");
  const context = await browser.newContext({ baseURL });
  const member = await context.newPage();
  await signUp(member.request, memberEmail);
  await addMember(page, baseURL!, app.app_id, memberEmail);
  await signIn(member.request, memberEmail);

  await member.goto(`/settings/oauth-authenticators?tab=connections&app_id=${app.app_id}`);
  await expect(member.getByText("No authenticators are set up for this app yet. Contact the app's developer")).toBeVisible();
  await expect(member.getByRole("list", { name: "App owners" }).getByRole("link", { name: ownerEmail })).toHaveAttribute("href", new RegExp(`^mailto:${ownerEmail}`));
  await expect(member.getByText("You can add one yourself")).toHaveCount(0);
  expect(await seriousViolations(member)).toEqual([]);
  await context.close();
});
