import { expect, test } from "@playwright/test";
import { screenshot, seriousViolations } from "../fixtures/page-checks";

// /docs/api renders the OpenAPI document with Scalar's UI, whose script is served from our own
// origin: the page works with every request off 127.0.0.1 refused.
test("the API reference renders offline and lists the routes", async ({ page }) => {
  test.setTimeout(60_000);
  const offOrigin: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    offOrigin.push(url.href);
    return route.abort("blockedbyclient");
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  const response = await page.goto("/docs/api");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("FiberWise API reference");
  await expect(page.getByRole("heading", { name: "FiberWise API", level: 1 })).toBeVisible({ timeout: 20_000 });

  // The sidebar lists the operations by tag (the first one open), and every tag of the document.
  const sidebar = page.getByRole("complementary", { name: "Sidebar for FiberWise API" });
  for (const tag of ["Authenticators", "Connections", "Connect", "Agents", "Webhooks", "Monitoring", "Apps", "API keys", "Account", "Operations"]) {
    await expect(sidebar.getByRole("link", { name: tag, exact: true })).toBeVisible();
  }
  for (const summary of ["Register an authenticator", "List provider templates", "Discover a provider's endpoints"]) {
    await expect(sidebar.getByRole("link", { name: new RegExp(`^${summary}`) })).toBeVisible();
  }
  await sidebar.getByRole("button", { name: "Open Group - Agents" }).click();
  await expect(sidebar.getByRole("link", { name: /^Call the provider's API \(POST\)/ })).toBeVisible();
  await expect(sidebar.getByRole("button", { name: "Ask AI" })).toHaveCount(0);
  // The registration shows the spec's example bodies (the Google one first).
  await sidebar.getByRole("link", { name: /^Register an authenticator/ }).click();
  await expect(page.getByRole("group", { name: "Request Example for post/api/v1/oauth/authenticators" })).toContainText("123456789-abcdef.apps.googleusercontent.com");

  await screenshot(page, "api-reference");
  expect(offOrigin, "requests that left 127.0.0.1").toEqual([]);
  expect(errors).toEqual([]);
  expect((await page.request.get("/docs/api/scalar.js")).headers()["content-type"]).toContain("javascript");
});

// axe on the third-party UI: recorded, not enforced — Scalar's markup is not ours to fix, and its
// known issues are listed in the README.
test("the API reference's accessibility (axe), as a report", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "FiberWise API", level: 1 })).toBeVisible({ timeout: 20_000 });
  const violations = await seriousViolations(page);
  test.info().annotations.push({ type: "axe", description: violations.length ? violations.join("\n") : "no serious or critical violations" });
  console.log(`axe on /docs/api: ${violations.length ? violations.join("\n") : "no serious or critical violations"}`);
});
