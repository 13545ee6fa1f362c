import { expect, test, type Browser, type Page } from "@playwright/test";
import { createFiberWiseServer } from "../../lib/sdk/server";
import { newAccount, signIn, signUp, uniqueEmail } from "../fixtures/accounts";
import { screenshot, seriousViolations } from "../fixtures/page-checks";
import { appWithLocalOidc } from "../fixtures/connect";
import { OIDC_CLIENT, OIDC_ISSUER } from "../fixtures/env";

// The End users page: an owner sees the app's own users (minted over the API with connect sessions,
// one connected through the hosted page and the real provider), filters them, copies a reconnect
// link, disconnects one, deletes one; a member of the app is told who may see end users.

async function ownerWithApp(baseURL: string, page: Page, label: string) {
  const owner = await newAccount(baseURL, label);
  await signIn(page.request, owner.email);
  const { appId, authenticatorId } = await appWithLocalOidc(owner.api, `${label} OIDC`);
  const created = await owner.api.post("/api/v1/api-keys", { data: { name: "backend", app_id: appId, scopes: ["connect:write", "tokens:read", "connections:read"] } });
  expect(created.status(), await created.text()).toBe(201);
  const fiber = createFiberWiseServer({ baseUrl: baseURL, apiKey: ((await created.json()) as { key: string }).key });
  return { owner, appId, authenticatorId, fiber };
}

/** The end user, in a browser of their own, connects through the hosted page: login and consent at the provider. */
async function connectThroughHostedPage(browser: Browser, connectUrl: string, authenticatorId: string, login: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(connectUrl);
  await page.getByTestId(`connect-card-${authenticatorId}`).getByRole("link", { name: "Connect" }).click();
  await page.waitForURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
  await expect(page.getByRole("heading", { name: "Account connected" })).toBeVisible();
  await context.close();
}

const introspect = async (token: string) =>
  ((await (await fetch(`${OIDC_ISSUER}/token/introspection`, { method: "POST", body: new URLSearchParams({ token, ...OIDC_CLIENT }) })).json()) as { active: boolean });

test("an owner lists, filters, re-links, disconnects and deletes end users; a member sees the restricted state", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const { owner, appId, authenticatorId, fiber } = await ownerWithApp(baseURL!, page, "eu-owner");
  const ada = await fiber.createConnectSession({ endUser: { id: "u_ada", email: "ada@customer.test", displayName: "Ada Lovelace", tags: { plan: "pro" } } });
  await fiber.createConnectSession({ endUser: { id: "u_bob", email: "bob@customer.test", tags: { plan: "free" } } });
  const cy = await fiber.createConnectSession({ endUser: { id: "u_cy", displayName: "Cy", tags: { plan: "pro", region: "eu" } } });
  await connectThroughHostedPage(browser, ada.connect_url, authenticatorId, "ada-at-provider");
  await connectThroughHostedPage(browser, cy.connect_url, authenticatorId, "cy-at-provider");
  const adaToken = (await fiber.getAccessToken({ authenticator: authenticatorId, endUserId: "u_ada" })).access_token;
  const cyToken = (await fiber.getAccessToken({ authenticator: authenticatorId, endUserId: "u_cy" })).access_token;

  await page.goto("/");
  await page.getByTestId("main-nav").getByRole("link", { name: "End users" }).click();
  await expect(page).toHaveURL(/\/end-users(\?|$)/);
  await page.goto(`/end-users?app_id=${appId}`);
  const list = page.getByRole("list", { name: "End users" });
  const card = (id: string) => page.getByTestId(`end-user-${id}`);
  await expect(list.locator(":scope > li")).toHaveCount(3);
  await expect(card("u_ada").getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();
  await expect(card("u_ada")).toContainText("ada@customer.test");
  await expect(card("u_ada").getByRole("list", { name: "Tags of u_ada" })).toContainText("plan:pro");
  await expect(card("u_ada").getByTestId(`end-user-connection-${authenticatorId}`).getByTestId("connection-status")).toHaveText("Connected");
  await expect(card("u_bob").getByTestId("connection-status")).toHaveText("Not connected");

  // Search (debounced, in the URL), tag and status filters, each checked against what the API holds.
  await page.getByLabel("Search", { exact: true }).fill("bob@");
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await expect(card("u_bob")).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=bob%40/);
  await page.getByLabel("Search", { exact: true }).fill("");
  await page.getByLabel("Tag", { exact: true }).fill("plan");
  await expect(page.getByText("Write a tag filter as name:value")).toBeVisible();
  await page.getByLabel("Tag", { exact: true }).fill("plan:pro");
  await expect(list.locator(":scope > li")).toHaveCount(2);
  await expect(card("u_bob")).toHaveCount(0);
  await page.getByLabel("Tag", { exact: true }).fill("region:eu");
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await expect(card("u_cy")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Tag", { exact: true })).toHaveValue("region:eu");
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await page.getByLabel("Tag", { exact: true }).fill("");
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Connected" });
  await expect(list.locator(":scope > li")).toHaveCount(2);
  await expect(card("u_bob")).toHaveCount(0);
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Needs re-authorization" });
  await expect(page.getByRole("heading", { name: "No end users match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(list.locator(":scope > li")).toHaveCount(3);

  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, "end-users");
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "end-users-375");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Copy reconnect link: a new session for u_ada on the clipboard; it opens the hosted page.
  await card("u_ada").getByRole("button", { name: "Copy reconnect link for u_ada" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Reconnect link for u_ada copied" })).toContainText("30 minutes");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/connect/fw_cs_[A-Za-z0-9_-]+$`));
  expect(link).not.toBe(ada.connect_url);
  const hosted = await browser.newPage();
  await hosted.goto(link);
  await expect(hosted.getByRole("heading", { name: /Connect your accounts to/ })).toBeVisible();
  await expect(hosted.getByTestId(`connect-card-${authenticatorId}`).getByTestId("connect-status")).toHaveText("Connected");
  await hosted.close();

  // Disconnect u_ada's account: revoked at the provider, "Not connected" on the page and in the API.
  await card("u_ada").getByRole("button", { name: "Disconnect eu-owner OIDC of u_ada" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Disconnect eu-owner OIDC of u_ada?" });
  await expect(confirm).toContainText("revokes its access at the provider");
  const revoke = page.waitForResponse((r) => r.request().method() === "DELETE" && r.url().includes(`/api/v1/credentials/connections/${authenticatorId}?`));
  await confirm.getByRole("button", { name: "Disconnect" }).click();
  expect((await revoke).status()).toBe(204);
  await expect(card("u_ada").getByTestId("connection-status")).toHaveText("Not connected");
  const adaConnections = await owner.api.get(`/api/v1/credentials/connections?app_id=${appId}&end_user_id=u_ada`);
  expect((await adaConnections.json()).connections).toEqual([]);
  expect(await introspect(adaToken)).toMatchObject({ active: false });

  // Delete u_cy: the dialog names them and their one connection; gone from the page and the API.
  await card("u_cy").getByRole("button", { name: "Delete end user u_cy" }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete end user u_cy?" });
  await expect(remove).toContainText("u_cy has 1 connection");
  await remove.getByRole("button", { name: "Delete end user" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "End user u_cy deleted" })).toBeVisible();
  await expect(card("u_cy")).toHaveCount(0);
  const remaining = (await (await owner.api.get(`/api/v1/end-users?app_id=${appId}`)).json()) as { end_users: Array<{ id: string }> };
  expect(remaining.end_users.map((u) => u.id).sort()).toEqual(["u_ada", "u_bob"]);
  expect(await introspect(cyToken)).toMatchObject({ active: false });

  // A member of the app: the restricted state, not an error dump; the API agrees.
  const memberEmail = uniqueEmail("eu-member");
  const context = await browser.newContext({ baseURL });
  const member = await context.newPage();
  await signUp(member.request, memberEmail);
  expect((await owner.api.post(`/api/v1/apps/${appId}/members`, { data: { email: memberEmail, role: "member" } })).status()).toBe(201);
  await signIn(member.request, memberEmail);
  const refused = await member.request.get(`/api/v1/end-users?app_id=${appId}`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("insufficient_role");
  await member.goto(`/end-users?app_id=${appId}`);
  await expect(member.getByRole("heading", { name: "Only owners and developers can see end users" })).toBeVisible();
  await expect(member.getByText("Your role in")).toContainText("is member");
  await expect(member.locator("main")).not.toContainText("insufficient_role");
  await expect(member.getByRole("list", { name: "End users" })).toHaveCount(0);
  expect(await seriousViolations(member)).toEqual([]);
  await context.close();
});

test("an app without end users says how they appear; a long list pages with Load more", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const { appId, fiber } = await ownerWithApp(baseURL!, page, "eu-pages");
  await page.goto(`/end-users?app_id=${appId}&status=bogus&tag=nocolon`);
  await expect(page.getByRole("heading", { name: "No end users yet" })).toBeVisible();
  await expect(page.getByText(`"app_id":"${appId}"`)).toBeVisible();
  await expect(page.getByText("Connect your own app's users")).toBeVisible();
  // The bad search parameters were dropped (not sent to the API, not thrown), and the URL says so.
  await expect(page).toHaveURL(`${baseURL}/end-users?app_id=${appId}`);
  await expect(page.getByRole("search", { name: "Filter end users" })).toHaveCount(0);
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "end-users-empty-375");
  await page.setViewportSize({ width: 1280, height: 800 });

  for (let i = 0; i < 27; i++) await fiber.createConnectSession({ endUser: { id: `u_${String(i).padStart(2, "0")}` } });
  await page.reload();
  const items = page.getByRole("list", { name: "End users" }).locator(":scope > li");
  await expect(items).toHaveCount(25);
  await expect(items.first()).toHaveAttribute("data-testid", "end-user-u_26");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(items).toHaveCount(27);
  await expect(items.last()).toHaveAttribute("data-testid", "end-user-u_00");
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});
