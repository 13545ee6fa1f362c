import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "../fixtures/accounts";
import { seriousViolations } from "../fixtures/page-checks";

// Settings → OAuth Authenticators, Manage tab, driven as a developer would: the template picker,
// real-time and server-side validation, edit, disable/enable, delete, keyboard use, axe, 375 px.

const GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly";
const CALENDAR_READONLY = "https://www.googleapis.com/auth/calendar.readonly";

async function signedInWithApp(page: Page, baseURL: string, label: string) {
  const email = uniqueEmail(label);
  await signUp(page.request, email);
  await signIn(page.request, email);
  const response = await page.request.post("/api/v1/apps", { data: { name: `${label} ${randomUUID().slice(0, 6)}` }, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBe(201);
  const app = (await response.json()) as { app_id: string; name: string };
  return { email, appId: app.app_id, appName: app.name };
}

async function register(request: APIRequestContext, baseURL: string, body: Record<string, unknown>) {
  const response = await request.post("/api/v1/oauth/authenticators", { data: body, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { authenticator_id: string };
}

test("a developer registers Google from its template, fixes a bad URL, edits scopes, disables and re-enables it", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const { appId } = await signedInWithApp(page, baseURL!, "google-dev");
  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`);
  await expect(page.getByText("No authenticators yet")).toBeVisible();

  const addButton = page.getByRole("button", { name: "Add Authenticator" });
  await addButton.click();
  const dialog = page.getByRole("dialog", { name: "Add authenticator" });
  const picker = dialog.getByRole("combobox", { name: "Provider" });
  await expect(picker).toBeFocused();

  // Google, Microsoft, GitHub and Slack come first; the list filters as you type.
  await picker.click();
  const options = dialog.getByRole("option");
  await expect(options.nth(0)).toContainText("Google");
  await expect(options.nth(1)).toContainText("Microsoft");
  await expect(options.nth(2)).toContainText("GitHub");
  await expect(options.nth(3)).toContainText("Slack");
  await picker.fill("googl");
  await dialog.getByRole("option", { name: "Google", exact: true }).click();

  // The template fills the URLs (read-only), the name, the default scopes and the redirect URI.
  await expect(dialog.getByLabel("Authorize URL")).toHaveValue("https://accounts.google.com/o/oauth2/v2/auth");
  await expect(dialog.getByLabel("Token URL")).toHaveValue("https://oauth2.googleapis.com/token");
  await expect(dialog.getByLabel("Authorize URL")).toHaveAttribute("readonly", "");
  await expect(dialog.getByLabel("Name")).toHaveValue("Google");
  await expect(dialog.getByTestId("redirect-uri")).toHaveText(`${baseURL}/auth/callback/google`);
  const selected = dialog.getByRole("list", { name: "Selected scopes" });
  await expect(selected).toContainText("openid");

  // Scopes from a template bundle and from the chips; broad ones are flagged as they are picked.
  await dialog.getByRole("button", { name: "Read Gmail", exact: true }).click();
  await expect(dialog.getByRole("button", { name: /^gmail\.readonly/ })).toHaveAttribute("aria-pressed", "true");
  await dialog.getByRole("button", { name: /^gmail\.modify/ }).click();
  await expect(dialog.getByTestId("scope-warnings")).toContainText("gmail.modify");
  await dialog.getByRole("button", { name: /^gmail\.modify/ }).click();
  await expect(dialog.getByTestId("scope-warnings")).toHaveText("");

  // Required fields are checked as you leave them.
  await dialog.getByLabel("Client ID").focus();
  await dialog.getByLabel("Client ID").blur();
  await expect(dialog.getByText("Enter the client ID from the provider's console")).toBeVisible();
  await dialog.getByLabel("Client ID").fill("1234567890-abc.apps.googleusercontent.com");
  await expect(dialog.getByText("Enter the client ID from the provider's console")).toHaveCount(0);
  await dialog.getByLabel("Client secret").fill("GOCSPX-test-secret-0123456789");
  await dialog.getByRole("button", { name: "Show client secret" }).click();
  await expect(dialog.getByLabel("Client secret")).toHaveAttribute("type", "text");
  await dialog.getByRole("button", { name: "Hide client secret" }).click();
  await expect(dialog.getByLabel("Client secret")).toHaveAttribute("type", "password");

  // A bad token URL: caught while typing (not https), then by the server (a private address).
  await dialog.getByRole("button", { name: "Override URLs" }).click();
  const tokenUrl = dialog.getByLabel("Token URL");
  await tokenUrl.fill("ftp://x");
  await tokenUrl.blur();
  await expect(dialog.locator("#endpoint-token_url-error")).toContainText("Use an https:// URL");
  await expect(tokenUrl).toHaveAttribute("aria-invalid", "true");
  await tokenUrl.fill("https://10.0.0.1/token");
  await expect(dialog.locator("#endpoint-token_url-error")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Register authenticator" }).click();
  await expect(dialog.locator("#endpoint-token_url-error")).toHaveText("token_url points at a private network address");
  await expect(tokenUrl).toBeFocused();

  // Fixed by going back to the template's URLs.
  await dialog.getByRole("button", { name: "Use template URLs" }).click();
  await dialog.getByRole("button", { name: "Register authenticator" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Google registered" })).toBeVisible();
  await expect(addButton).toBeFocused();
  const panel = page.getByTestId("registered-panel");
  await expect(panel.getByTestId("registered-redirect-uri")).toHaveText(new RegExp(`^${baseURL}/auth/callback/google(-\\d+)?$`));
  await expect(panel.getByRole("button", { name: "Copy redirect URI" })).toBeVisible();
  await expect(panel.getByRole("link", { name: /Open the Google console/ })).toHaveAttribute("href", /console\.cloud\.google\.com/);

  const row = page.getByRole("row", { name: /Google/ });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("+2");
  await expect(row).toContainText("gmail.readonly");

  // Edit: the type is fixed, the secret is write-only, and only the scopes are sent.
  await row.getByRole("button", { name: "Edit Google" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Google" });
  await expect(edit.getByText("Set, ends in")).toContainText("6789");
  await expect(edit.getByRole("combobox")).toHaveCount(0);
  await edit.getByRole("button", { name: `Remove scope ${GMAIL_READONLY}` }).click();
  await edit.getByLabel(/Add scopes/).fill(`${CALENDAR_READONLY}, email`);
  await edit.getByLabel(/Add scopes/).press("Enter");
  await expect(edit.getByRole("list", { name: "Selected scopes" })).toContainText("calendar.readonly");
  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes("/api/v1/oauth/authenticators/"));
  await edit.getByRole("button", { name: "Save changes" }).click();
  expect(Object.keys((await patch).postDataJSON())).toEqual(["scopes"]);
  await expect(edit).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Google updated" })).toBeVisible();
  await expect(row).toContainText("calendar.readonly");
  await expect(row).not.toContainText("gmail.readonly");

  // Disable and enable again.
  await row.getByRole("button", { name: "Disable Google" }).click();
  await expect(row).toContainText("Disabled");
  await expect(page.getByTestId("toast").filter({ hasText: "Google disabled" })).toBeVisible();
  await row.getByRole("button", { name: "Enable Google" }).click();
  await expect(row).toContainText("Active");
  await expect(page.getByTestId("toast").filter({ hasText: "Google enabled" })).toBeVisible();

  const list = await (await page.request.get(`/api/v1/oauth/authenticators?app_id=${appId}&include_disabled=true`)).json();
  expect(list.authenticators).toHaveLength(1);
  expect(list.authenticators[0]).toMatchObject({ authenticator_type: "google", is_active: true, client_secret_set: true });
  expect(list.authenticators[0].scopes).toEqual(["openid", "email", "profile", CALENDAR_READONLY]);
  expect(list.authenticators[0].authorize_url).toBe("https://accounts.google.com/o/oauth2/v2/auth");
});

test("templates with per-account URLs ask for their values; custom providers need URLs", async ({ page, baseURL }) => {
  const { appId } = await signedInWithApp(page, baseURL!, "shop-dev");
  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`);
  await page.getByRole("button", { name: "Add Authenticator" }).click();
  const dialog = page.getByRole("dialog", { name: "Add authenticator" });

  // Keyboard only: type to filter, arrows to move, Enter to choose.
  const picker = dialog.getByRole("combobox", { name: "Provider" });
  await picker.fill("shop");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await picker.press("Escape"); // closes the list, not the dialog
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(dialog).toBeVisible();
  await picker.fill("shopify");
  await picker.press("ArrowDown");
  await picker.press("ArrowUp");
  await picker.press("Enter");
  await expect(picker).toHaveValue("Shopify");
  const shop = dialog.getByLabel("Shop", { exact: false }).first();
  await shop.fill("acme-store");
  await expect(dialog.getByLabel("Authorize URL")).toHaveValue("https://acme-store.myshopify.com/admin/oauth/authorize");
  await shop.fill("acme/evil");
  await shop.blur();
  await expect(dialog.getByText("Use letters, digits, dots and hyphens only")).toBeVisible();
  await shop.fill("acme-store");

  // Switching to a custom provider: the URLs are required and http is explained.
  await picker.fill("custom");
  await picker.press("End");
  await expect(picker).toHaveAttribute("aria-activedescendant", /option/);
  await picker.press("Enter");
  await expect(picker).toHaveValue("Custom provider");
  await expect(dialog.getByLabel("Name")).toHaveValue("");
  await dialog.getByLabel("Name").fill("Acme SSO");
  await expect(dialog.getByTestId("redirect-uri")).toHaveText(`${baseURL}/auth/callback/acme-sso`);
  await dialog.getByLabel("Authorize URL").fill("http://sso.acme.example/authorize");
  await dialog.getByLabel("Authorize URL").blur();
  await expect(dialog.locator("#endpoint-authorize_url-error")).toContainText("Plain http:// is accepted only for an authorization server on this machine");
  await dialog.getByRole("button", { name: "Register authenticator" }).click();
  await expect(dialog.locator("#endpoint-token_url-error")).toContainText("Required for a custom provider");
  await expect(dialog.getByText("Enter the client ID from the provider's console")).toBeVisible();

  // Discovery errors are shown on the issuer field.
  await dialog.getByLabel(/Issuer URL/).fill("https://10.0.0.1");
  await dialog.getByRole("button", { name: "Discover from issuer" }).click();
  await expect(dialog.locator("#custom-issuer-error")).toContainText("private network address");

  // Escape closes the dialog and focus returns to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Add Authenticator" })).toBeFocused();
});

test("the form fetches templates as it needs them, says when it is loading, and recovers from a failed fetch", async ({ page, baseURL }) => {
  const { appId } = await signedInWithApp(page, baseURL!, "tpl-dev");
  let failList = true;
  let failGoogle = false;
  const unavailable = { status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "internal_error", message: "Templates are resting" } }) };
  await page.route(/\/api\/v1\/oauth\/templates(\?.*)?$/, (route) => (failList ? route.fulfill(unavailable) : route.continue()));
  await page.route(/\/api\/v1\/oauth\/templates\/google$/, (route) => (failGoogle ? route.fulfill(unavailable) : route.continue()));
  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`);
  await page.getByRole("button", { name: "Add Authenticator" }).click();
  const dialog = page.getByRole("dialog", { name: "Add authenticator" });
  const picker = dialog.getByRole("combobox", { name: "Provider" });
  await expect(picker).toBeFocused();

  // The provider list fails: said so, with a way to try again; a custom provider still works.
  const listProblem = dialog.getByRole("alert").filter({ hasText: "Couldn't load the provider list" });
  await expect(listProblem).toContainText("Templates are resting");
  await picker.click();
  await expect(dialog.getByRole("option")).toHaveText([/Custom provider/]);
  await picker.press("Escape");
  failList = false;
  await listProblem.getByRole("button", { name: "Try again" }).click();
  await expect(listProblem).toHaveCount(0);
  await picker.click();
  await expect(dialog.getByRole("option").first()).toContainText("Google");

  // Google's template: loading, then failing, then there after another try; saving waits for it.
  failGoogle = true;
  await picker.fill("google");
  await picker.press("Enter");
  await expect(picker).toHaveValue("Google");
  await expect(dialog.getByRole("status").filter({ hasText: "Loading the Google template…" })).toBeVisible();
  const templateProblem = dialog.getByRole("alert").filter({ hasText: "Couldn't load the Google template" });
  await expect(templateProblem).toBeVisible({ timeout: 10_000 });
  await dialog.getByLabel("Client ID").fill("1234-abc.apps.googleusercontent.com");
  await dialog.getByLabel("Client secret").fill("GOCSPX-test-secret-0123456789");
  await dialog.getByRole("button", { name: "Register authenticator" }).click();
  await expect(dialog.getByTestId("form-error")).toHaveText("The provider's template could not be loaded: try again above.");
  failGoogle = false;
  await templateProblem.getByRole("button", { name: "Try again" }).click();
  await expect(dialog.getByLabel("Token URL")).toHaveValue("https://oauth2.googleapis.com/token");
  await expect(dialog.getByRole("list", { name: "Selected scopes" })).toContainText("openid");
  await dialog.getByRole("button", { name: "Register authenticator" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Google registered" })).toBeVisible();
});

test("search, delete with the number of connections it revokes, and a member's read-only view", async ({ page, browser, baseURL }) => {
  const { appId, appName } = await signedInWithApp(page, baseURL!, "list-dev");
  await register(page.request, baseURL!, { app_id: appId, name: "GitHub", authenticator_type: "github", client_id: "Iv1.abc", client_secret: "github-secret-0123456789", scopes: "read:user, repo" });
  await register(page.request, baseURL!, { app_id: appId, name: "Slack", authenticator_type: "slack", client_id: "123.456", client_secret: "slack-secret-0123456789", scopes: ["users:read"] });

  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`);
  const table = page.getByRole("table", { name: "Authenticators" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Search authenticators").fill("slack");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Slack");
  await page.getByLabel("Search authenticators").fill("nothing-like-this");
  await expect(page.getByText("No matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);

  await page.getByRole("row", { name: /Slack/ }).getByRole("button", { name: "Delete Slack" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Slack?" });
  await expect(confirm.getByTestId("delete-impact")).toHaveText("No user has connected through it, so no connection will be revoked.");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Delete authenticator" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Slack deleted" })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  // A member sees the list read-only and is steered to the Connections tab.
  const memberEmail = uniqueEmail("member");
  const context = await browser.newContext({ baseURL });
  const member = await context.newPage();
  await signUp(member.request, memberEmail);
  const added = await page.request.post(`/api/v1/apps/${appId}/members`, { data: { email: memberEmail, role: "member" }, headers: { origin: baseURL! } });
  expect(added.status(), await added.text()).toBe(201);
  await signIn(member.request, memberEmail);
  await member.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`);
  await expect(member.getByRole("note")).toContainText(`You are a member of ${appName}`);
  await expect(member.getByRole("table", { name: "Authenticators" })).toContainText("GitHub");
  await expect(member.getByRole("button", { name: "Add Authenticator" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: /Edit|Delete|Disable/ })).toHaveCount(0);
  await member.getByRole("note").getByRole("link", { name: "Connections" }).click();
  await expect(member).toHaveURL(new RegExp(`tab=connections&app_id=${appId}`));
  await expect(member.getByRole("listitem").filter({ hasText: "GitHub" }).getByRole("link", { name: "Connect GitHub" })).toBeVisible();
  await context.close();
});

test("no app yet: the page says to create one first", async ({ page }) => {
  const email = uniqueEmail("no-app");
  await signUp(page.request, email);
  await signIn(page.request, email);
  await page.goto("/settings/oauth-authenticators");
  await expect(page.getByRole("heading", { name: "Create an app first" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Create an app" })).toHaveAttribute("href", "/apps");
  await page.goto("/settings/oauth-authenticators?tab=connections");
  await expect(page.getByRole("heading", { name: "Create an app first" })).toBeVisible();
});

test("the Manage tab and its dialog pass axe, fit 375 px, and are screenshotted", async ({ page, baseURL }) => {
  const { appId } = await signedInWithApp(page, baseURL!, "axe-dev");
  await register(page.request, baseURL!, {
    app_id: appId, name: "Google", authenticator_type: "google", client_id: "1234-abc.apps.googleusercontent.com",
    client_secret: "GOCSPX-test-secret-0123456789", scopes: ["openid", "email", "profile", GMAIL_READONLY, CALENDAR_READONLY],
  });
  await register(page.request, baseURL!, { app_id: appId, name: "GitHub", authenticator_type: "github", client_id: "Iv1.abc", client_secret: "github-secret-0123456789", scopes: "read:user, repo" });
  const slack = await register(page.request, baseURL!, { app_id: appId, name: "Slack", authenticator_type: "slack", client_id: "123.456", client_secret: "slack-secret-0123456789", scopes: ["users:read", "chat:write"] });
  await page.request.patch(`/api/v1/oauth/authenticators/${slack.authenticator_id}`, { data: { is_active: false }, headers: { origin: baseURL! } });

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`);
  await expect(page.getByRole("table", { name: "Authenticators" }).getByRole("row")).toHaveCount(4);
  expect(await seriousViolations(page)).toEqual([]);
  const desktop = test.info().outputPath("manage-tab.png");
  await page.screenshot({ path: desktop, fullPage: true });
  await test.info().attach("manage-tab", { path: desktop, contentType: "image/png" });

  await page.getByRole("button", { name: "Add Authenticator" }).click();
  const dialog = page.getByRole("dialog", { name: "Add authenticator" });
  await dialog.getByRole("combobox", { name: "Provider" }).fill("google");
  await dialog.getByRole("combobox", { name: "Provider" }).press("Enter");
  await expect(dialog.getByLabel("Token URL")).toHaveValue("https://oauth2.googleapis.com/token");
  expect(await seriousViolations(page)).toEqual([]);
  const dialogShot = test.info().outputPath("add-authenticator-dialog.png");
  await page.screenshot({ path: dialogShot });
  await test.info().attach("add-authenticator-dialog", { path: dialogShot, contentType: "image/png" });
  await page.keyboard.press("Escape");

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("table", { name: "Authenticators" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const mobile = test.info().outputPath("manage-tab-375.png");
  await page.screenshot({ path: mobile, fullPage: true });
  await test.info().attach("manage-tab-375", { path: mobile, contentType: "image/png" });

  await page.getByRole("button", { name: "Add Authenticator" }).click();
  await dialog.getByRole("combobox", { name: "Provider" }).fill("google");
  await dialog.getByRole("combobox", { name: "Provider" }).press("Enter");
  await expect(dialog.getByLabel("Client ID")).toBeVisible();
  const dialogOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(dialogOverflow).toBeLessThanOrEqual(0);
  const mobileDialog = test.info().outputPath("add-authenticator-dialog-375.png");
  await page.screenshot({ path: mobileDialog });
  await test.info().attach("add-authenticator-dialog-375", { path: mobileDialog, contentType: "image/png" });
});
