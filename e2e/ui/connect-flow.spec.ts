import { expect, test } from "@playwright/test";
import { newAccount, PASSWORD, signIn } from "../fixtures/accounts";
import { appWithLocalOidc } from "../fixtures/connect";

import { OIDC_ISSUER as ISSUER } from "../fixtures/env";

test("an end user connects in a real browser: sign in, Connect, log in at the provider, consent, back with status=success", async ({ page }, info) => {
  const baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "browser-owner");
  const { appId, authenticatorId: id } = await appWithLocalOidc(owner.api, "Browser OIDC");

  await signIn(page.request, owner.email, PASSWORD);
  await page.goto(`/api/v1/oauth/connect/${id}?return_to=${encodeURIComponent("/apps")}`);
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill("browser-user");
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click(); // consent
  await expect(page).toHaveURL(new RegExp(`${baseURL}/apps\\?oauth_callback=${id}&status=success$`));
  const connections = await (await page.request.get(`/api/v1/credentials/connections?app_id=${appId}`)).json();
  expect(connections.connections[0]).toMatchObject({ authenticator_id: id, status: "active" });
});
