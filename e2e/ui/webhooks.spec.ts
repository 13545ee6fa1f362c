import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { newAccount, signIn, signUp, uniqueEmail } from "../fixtures/accounts";
import { screenshot, seriousViolations } from "../fixtures/page-checks";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

// Settings → Webhooks: an owner adds an endpoint pointing at a receiver on loopback, sees its
// secret once, sends a test event that really arrives and shows as delivered, redelivers it,
// rotates the secret, re-enables an endpoint the platform disabled, and deletes it; a member sees
// the restricted state.

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
test.beforeAll(async () => void (receiver = await startWebhookReceiver()));
test.afterAll(async () => receiver?.close());

test("an owner adds, tests, redelivers, rotates and deletes a webhook; a member sees the restricted state", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const owner = await newAccount(baseURL!, "hooks-ui");
  await signIn(page.request, owner.email);
  const appId = (await (await owner.api.post("/api/v1/apps", { data: { name: "Hooks UI" } })).json()).app_id as string;

  await page.goto("/apps");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks/);
  await page.goto(`/settings/webhooks?app_id=${appId}`);
  await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();

  // Add: the schema's messages first, then the platform's URL policy, then a real endpoint.
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const form = page.getByRole("form", { name: "Add webhook" });
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByText("url is required")).toBeVisible();
  await form.getByLabel("Endpoint URL").fill("https://169.254.169.254/latest");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByRole("alert")).toContainText("url points at");
  await form.getByLabel("Endpoint URL").fill(`${receiver.url}/ui`);
  await form.getByLabel("Description (optional)").fill("UI receiver");
  await expect(form.getByText("All events (also types added later)")).toBeVisible();
  await form.getByText("Only the events I choose").click();
  await expect(form.getByText("The provider refused the refresh token")).toBeVisible();
  await form.getByText("All events (also types added later)").click();
  await form.getByRole("button", { name: "Add endpoint" }).click();

  const reveal = page.getByTestId("webhook-secret");
  await expect(reveal).toContainText("shown only this once");
  const secret = (await page.getByTestId("webhook-secret-value").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await reveal.getByRole("button", { name: "Copy secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  expect(await seriousViolations(page)).toEqual([]);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await page.reload();
  const card = page.getByRole("listitem", { name: "UI receiver" });
  await expect(card).toContainText(`${receiver.url}/ui`);
  await expect(card).toContainText("All events");
  await expect(card).toContainText(`Secret …${secret.slice(-4)}`);
  await expect(page.locator("main")).not.toContainText(secret);

  // Send a test event: it reaches the receiver, verifies with the secret, and the log says delivered.
  const sent = page.waitForResponse((r) => r.url().endsWith("/test") && r.request().method() === "POST");
  await card.getByRole("button", { name: "Send test event" }).click();
  const { event_id: eventId } = await (await sent).json();
  const arrived = await receiver.waitFor(eventId);
  expect(new Webhook(secret).verify(arrived.body, arrived.headers)).toMatchObject({ type: "webhook.test", id: eventId });
  const delivery = card.getByTestId("webhook-delivery").filter({ hasText: eventId });
  await expect(delivery).toContainText("delivered", { timeout: 15_000 });
  await expect(delivery).toContainText("webhook.test");
  await expect(delivery.getByTestId("attempt-status").first()).toHaveText("200");
  await expect(delivery).toContainText("ok, got it");
  expect(await seriousViolations(page)).toEqual([]);

  await delivery.getByRole("button", { name: `Redeliver ${eventId}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Redelivery queued" })).toBeVisible();
  await receiver.waitFor(eventId, 2);
  await expect(delivery).toContainText("2 attempts", { timeout: 15_000 });

  // Desktop and phone widths: nothing scrolls sideways.
  await screenshot(page, "webhooks");
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "webhooks-375");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Rotate: a new secret once; the next delivery verifies with both.
  await card.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("alertdialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
  await expect(card.getByTestId("webhook-secret")).toContainText("New signing secret");
  const rotated = (await card.getByTestId("webhook-secret-value").textContent())!.trim();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await expect(card).toContainText("old secret signs until");
  await card.getByRole("button", { name: "Done" }).click();
  const second = page.waitForResponse((r) => r.url().endsWith("/test") && r.request().method() === "POST");
  await card.getByRole("button", { name: "Send test event" }).click();
  const secondId = (await (await second).json()).event_id as string;
  const both = await receiver.waitFor(secondId);
  for (const s of [secret, rotated]) new Webhook(s).verify(both.body, both.headers);

  // Edit: choose events; the card lists them.
  await card.getByRole("button", { name: "Edit" }).click();
  const edit = card.getByRole("form", { name: "Edit webhook" });
  await edit.getByText("Only the events I choose").click();
  await edit.getByText("connection.needs_reauth").click();
  await edit.getByText("webhook.test", { exact: true }).click();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(card).toContainText("connection.needs_reauth");
  await expect(card.getByRole("form", { name: "Edit webhook" })).toHaveCount(0);

  // The platform disabled it (the receiver answered 410): the banner says why; Re-enable clears it.
  receiver.state.status = 410;
  const third = page.waitForResponse((r) => r.url().endsWith("/test") && r.request().method() === "POST");
  await card.getByRole("button", { name: "Send test event" }).click();
  await receiver.waitFor((await (await third).json()).event_id);
  receiver.state.status = 200;
  await expect.poll(async () => (await (await owner.api.get(`/api/v1/webhooks?app_id=${appId}`)).json()).data[0].disabled_reason, { timeout: 15_000 }).toBe("gone");
  await page.reload();
  await expect(card.getByRole("status")).toContainText("the receiver answered 410 Gone");
  await expect(card.getByRole("button", { name: "Send test event" })).toBeDisabled();
  await card.getByRole("button", { name: "Re-enable" }).click();
  await expect(card.getByRole("button", { name: "Re-enable" })).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Send test event" })).toBeEnabled();

  // Delete, with a confirmation.
  await card.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this webhook?" });
  await expect(confirm).toContainText(`${receiver.url}/ui`);
  await confirm.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();
  expect((await (await owner.api.get(`/api/v1/webhooks?app_id=${appId}`)).json()).data).toEqual([]);

  // A member of the app: the restricted state, and the API agrees.
  const memberEmail = uniqueEmail("hooks-member");
  const context = await browser.newContext({ baseURL });
  const member = await context.newPage();
  await signUp(member.request, memberEmail);
  expect((await owner.api.post(`/api/v1/apps/${appId}/members`, { data: { email: memberEmail, role: "member" } })).status()).toBe(201);
  await signIn(member.request, memberEmail);
  expect((await member.request.get(`/api/v1/webhooks?app_id=${appId}`)).status()).toBe(403);
  await member.goto(`/settings/webhooks?app_id=${appId}`);
  await expect(member.getByRole("heading", { name: "Only owners and developers can manage webhooks" })).toBeVisible();
  await expect(member.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  expect(await seriousViolations(member)).toEqual([]);
  await context.close();
});
