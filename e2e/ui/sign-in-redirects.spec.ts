import { expect, test, type BrowserContext } from "@playwright/test";
import { newAccount, PASSWORD, signIn, signUp, uniqueEmail } from "../fixtures/accounts";
import { appWithLocalOidc } from "../fixtures/connect";
import { OIDC_ISSUER } from "../fixtures/env";

// Open redirects after sign-in. Browsers delete tabs and newlines from URLs, so "/\t/evil.com" is
// "//evil.com" to them. Every request the browser tries to make off loopback is aborted before it
// leaves the machine, and navigations among them are recorded, so a regression fails here without
// contacting anything. (The test provider's login page asks for a web font: aborted, not a finding.)
const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
let offsite: string[] = [];

async function fence(context: BrowserContext) {
  offsite = [];
  await context.route((url) => !isLoopback(url), (route) => {
    if (route.request().isNavigationRequest()) offsite.push(route.request().url());
    return route.abort();
  });
}

const HOSTILE = ["%2F%09%2Fevil.com", "%2F%0A%2Fevil.com", "%2F%5Cevil.com", "%2F%2Fevil.com", "https%3A%2F%2Fevil.com", "%2F%252F%252Fevil.com"];

test("signing in from /signin?callbackUrl=<hostile> ends on our origin", async ({ page, context, request }, info) => {
  const baseURL = info.project.use.baseURL!;
  await fence(context);
  const email = uniqueEmail("redirect");
  await signUp(request, email);
  await page.goto(`/signin?callbackUrl=${HOSTILE[0]}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("app-header")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
  expect(new URL(page.url()).pathname).toBe("/");

  // Signed in, the page itself redirects: every variant stays home.
  for (const value of HOSTILE) {
    await page.goto(`/signin?callbackUrl=${value}`);
    await expect(page.getByTestId("app-header")).toBeVisible();
    expect(new URL(page.url()).origin, value).toBe(new URL(baseURL).origin);
  }
  // A same-origin path is still followed.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/apps")}`);
  await expect(page).toHaveURL(`${baseURL}/apps`);
  expect(offsite).toEqual([]);
});

test("the connect flow's return_to cannot chain into the sign-in redirect", async ({ page, context }, info) => {
  const baseURL = info.project.use.baseURL!;
  await fence(context);
  const owner = await newAccount(baseURL, "chain");
  const { authenticatorId } = await appWithLocalOidc(owner.api, "Chain OIDC");
  await signIn(page.request, owner.email, PASSWORD);
  await page.goto(`/api/v1/oauth/connect/${authenticatorId}?return_to=${encodeURIComponent(`/signin?callbackUrl=${HOSTILE[0]}`)}`);
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill("chain-user");
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click(); // consent
  // The hostile return_to falls back to the Connections tab.
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/settings/oauth-authenticators\\?tab=connections&oauth_callback=${authenticatorId}&status=success$`));
  expect(offsite).toEqual([]);
});
