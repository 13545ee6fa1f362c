import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { expect, test, type Page, type Response } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "../fixtures/accounts";

// The weight of Settings → OAuth Authenticators: the JavaScript a first visit loads, measured in
// Chromium against the production build. Each script's body is gzipped here (zlib's default level,
// what Next.js's own compression uses), so the figure does not depend on whether the server in front
// compresses, nor on caching: a fresh browser context has an empty cache.

const BUDGET_GZIP_BYTES = 180 * 1024;
// Strings only the in-code template catalogue holds (a community template's URL, a verified one's
// console): a script carrying them ships the catalogue to the browser.
const CATALOGUE_MARKERS = ["Absorb LMS", "myshopify.com/admin/oauth", "developer.zendesk.com"];

type Script = { url: string; raw: number; gzip: number; body: string };

function collectScripts(page: Page) {
  const scripts: Script[] = [];
  const pending: Array<Promise<void>> = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== "script" || !response.ok()) return;
    pending.push(
      response.body().then((body) => {
        scripts.push({ url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body).length, body: body.toString("utf8") });
      }),
    );
  };
  page.on("response", onResponse);
  return {
    async settle() {
      await Promise.all(pending);
      return [...scripts];
    },
    stop: () => page.off("response", onResponse),
  };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

test("Settings → OAuth Authenticators loads at most 180 kB of gzipped JavaScript, and no template catalogue", async ({ page, baseURL }) => {
  const email = uniqueEmail("page-size");
  await signUp(page.request, email);
  await signIn(page.request, email);
  const created = await page.request.post("/api/v1/apps", { data: { name: `Size ${randomUUID().slice(0, 6)}` }, headers: { origin: baseURL! } });
  expect(created.status(), await created.text()).toBe(201);
  const appId = ((await created.json()) as { app_id: string }).app_id;
  const registered = await page.request.post("/api/v1/oauth/authenticators", {
    data: { app_id: appId, name: "Google", authenticator_type: "google", client_id: "1234-abc.apps.googleusercontent.com", client_secret: "GOCSPX-size-0123456789" },
    headers: { origin: baseURL! },
  });
  expect(registered.status(), await registered.text()).toBe(201);

  const scripts = collectScripts(page);
  await page.goto(`/settings/oauth-authenticators?tab=manage&app_id=${appId}`, { waitUntil: "load" });
  await expect(page.getByRole("table", { name: "Authenticators" })).toContainText("Google");
  await page.waitForLoadState("networkidle");
  const firstLoad = await scripts.settle();

  const total = firstLoad.reduce((sum, s) => sum + s.gzip, 0);
  const raw = firstLoad.reduce((sum, s) => sum + s.raw, 0);
  const lines = firstLoad.toSorted((a, b) => b.gzip - a.gzip).map((s) => `  ${kB(s.gzip).padStart(9)} gzip ${kB(s.raw).padStart(9)} raw  ${s.url}`);
  console.log(
    `Settings → OAuth Authenticators, first load: ${firstLoad.length} scripts, ${kB(total)} gzipped (${kB(raw)} raw); budget ${kB(BUDGET_GZIP_BYTES)}\n${lines.join("\n")}`,
  );
  expect(firstLoad.length).toBeGreaterThan(0);

  // Opening the form fetches templates from the API, not as code.
  await page.getByRole("button", { name: "Add Authenticator" }).click();
  const dialog = page.getByRole("dialog", { name: "Add authenticator" });
  await dialog.getByRole("combobox", { name: "Provider" }).fill("shopify");
  await dialog.getByRole("option", { name: "Shopify", exact: true }).click();
  await expect(dialog.getByLabel("Token URL")).toHaveValue(/myshopify\.com/);
  await page.waitForLoadState("networkidle");
  const all = await scripts.settle();
  scripts.stop();
  const later = all.slice(firstLoad.length);
  console.log(`Opening the form loaded ${later.length} more scripts, ${kB(later.reduce((sum, s) => sum + s.gzip, 0))} gzipped`);
  const carriers = all.filter((s) => CATALOGUE_MARKERS.some((marker) => s.body.includes(marker))).map((s) => s.url);
  expect(carriers, "scripts that carry the template catalogue").toEqual([]);

  expect(total, `first-load JavaScript ${kB(total)} gzipped is over the ${kB(BUDGET_GZIP_BYTES)} budget`).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});
