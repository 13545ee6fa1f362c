import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUp, uniqueEmail } from "../fixtures/accounts";

test.beforeEach(async ({ page }) => {
  const email = uniqueEmail("shell");
  await signUp(page.request, email);
  await signIn(page.request, email, PASSWORD);
});

test("the shell shows the product, the user menu and every section", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("app-header")).toContainText("FiberWise");
  const nav = page.getByTestId("main-nav");
  const sections: Array<[string, RegExp, string]> = [
    ["OAuth Authenticators", /\/settings\/oauth-authenticators/, "OAuth Authenticators"],
    ["Apps", /\/apps$/, "Apps"],
    ["End users", /\/end-users$/, "End users"],
    ["API keys", /\/api-keys$/, "API keys"],
    ["Monitoring", /\/monitoring$/, "Monitoring"],
    ["Audit log", /\/audit-log$/, "Audit log"],
  ];
  for (const [link, url, heading] of sections) {
    await nav.getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
  }
});

test("the authenticators page has the Manage and Connections tabs", async ({ page }) => {
  await page.goto("/settings/oauth-authenticators");
  const tabs = page.getByRole("navigation", { name: "Authenticator views" });
  await tabs.getByRole("link", { name: "Connections" }).click();
  await expect(page).toHaveURL(/tab=connections/);
  await tabs.getByRole("link", { name: "Manage Authenticators" }).click();
  await expect(page).toHaveURL(/tab=manage/);
});

test("the shell fits a 375 px wide phone without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ["/settings/oauth-authenticators", "/end-users"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await expect(page.getByTestId("main-nav")).toBeVisible();
  }
});
