import { build } from "esbuild";
import { expect, test } from "@playwright/test";
import { newAccount, PASSWORD, signIn } from "../fixtures/accounts";
import { appWithLocalOidc } from "../fixtures/connect";

// The browser SDK, bundled as a page would ship it, driving a real connect flow from a page.
let bundle = "";
test.beforeAll(async () => {
  const result = await build({
    stdin: { contents: `import FiberWise from "./lib/sdk/index.ts"; window.FiberWise = FiberWise;`, resolveDir: process.cwd(), loader: "ts" },
    bundle: true, format: "iife", write: false, target: "es2020",
  });
  bundle = result.outputFiles[0]!.text;
});

test("the browser SDK lists authenticators, connects, sees the callback, checks and revokes the connection", async ({ page }, info) => {
  const baseURL = info.project.use.baseURL!;
  const owner = await newAccount(baseURL, "sdk");
  const { appId, authenticatorId: id } = await appWithLocalOidc(owner.api, "SDK OIDC");
  await signIn(page.request, owner.email, PASSWORD);

  type SdkWindow = { FiberWise: new (o: { baseUrl: string; appId: string }) => { credentials: Record<string, (...a: unknown[]) => Promise<unknown> | unknown> } };
  const sdk = (script: string) =>
    page.evaluate(
      ([code, app]) => {
        const w = window as unknown as SdkWindow & { fiber?: unknown };
        const fiber = new w.FiberWise({ baseUrl: "/api/v1", appId: app });
        return new Function("fiber", `return (async () => { ${code} })()`)(fiber.credentials);
      },
      [script, appId] as const,
    );

  await page.goto("/apps");
  await page.addScriptTag({ content: bundle });
  expect(await sdk(`return (await fiber.listAuthenticators({ includeDisabled: false })).map((a) => a.authenticator_id);`)).toEqual([id]);
  expect(await sdk(`return fiber.isConnected(${JSON.stringify(id)});`)).toBe(false);

  await Promise.all([page.waitForURL(/\/interaction\//), sdk(`fiber.connectAuthenticator(${JSON.stringify(id)}, { returnTo: "/apps?via=sdk" });`)]);
  await page.locator('input[name="login"]').fill("sdk-user");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/apps\?via=sdk&oauth_callback=/);
  await page.addScriptTag({ content: bundle });
  expect(await sdk(`return fiber.isConnectionCallback(${JSON.stringify(id)});`)).toBe(true);
  expect(await sdk(`return fiber.isConnected(${JSON.stringify(id)});`)).toBe(true);
  await sdk(`await fiber.revokeConnection(${JSON.stringify(id)});`);
  expect(await sdk(`return fiber.isConnected(${JSON.stringify(id)});`)).toBe(false);
  const error = await sdk(`try { await fiber.revokeConnection("nope"); } catch (e) { return e.code; }`);
  expect(error).toBe("authenticator_not_found");
});
