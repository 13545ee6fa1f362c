import { expect, test } from "@playwright/test";
import { limitSpec } from "@/lib/server/rate-limit/limits";
import { asClient, PASSWORD, signUp, uniqueEmail } from "../fixtures/accounts";

test("sign up, sign out, sign in, create an app, create an API key shown once, revoke it", async ({ page }) => {
  const email = uniqueEmail("ui");

  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Password").blur();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByRole("heading", { name: "Apps", level: 1 })).toBeVisible();
  await expect(page.getByTestId("user-menu")).toContainText(email);

  // Sign out from the user menu, then back in.
  await page.getByTestId("user-menu").getByRole("button").first().click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("The email or password is incorrect.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("app-header")).toBeVisible();

  // Create an app.
  await page.goto("/apps");
  await expect(page.getByText("No apps yet")).toBeVisible();
  await page.getByLabel("App name").fill("Mail Summariser");
  await expect(page.getByText('Leave empty for "mail-summariser"')).toBeVisible();
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByTestId("app-mail-summariser")).toContainText("Mail Summariser");

  // Create an API key: shown once.
  await page.getByTestId("main-nav").getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill("laptop CLI");
  await page.getByLabel("App", { exact: true }).selectOption("mail-summariser");
  await page.getByRole("button", { name: "Create API key" }).click();
  const value = await page.getByTestId("new-api-key-value").textContent();
  expect(value).toMatch(/^fw_live_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row", { name: /laptop CLI/ });
  await expect(row).toContainText(value!.slice(0, 12));
  await expect(row).toContainText("Active");

  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(value!);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("row", { name: /laptop CLI/ }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /laptop CLI/ })).toContainText("Revoked");

  const response = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${value}` } });
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("api_key_revoked");
});

test("the sign-in form says so when the per-email limit refuses a sign-in", async ({ browser, baseURL }) => {
  const email = uniqueEmail("locked-ui");
  // A client address of its own (the runner is the trusted proxy), so no other spec shares its limits.
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: asClient() });
  const page = await context.newPage();
  await signUp(page.request, email);
  await page.goto("/signin");
  for (let i = 0; i < limitSpec("sign_in_email").points; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("The email or password is incorrect.");
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Too many failed attempts. Wait 15 minutes and try again.");
  await context.close();
});
