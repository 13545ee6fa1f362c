import { expect, test } from "@playwright/test";
import { cliSuite, json, type CliDeveloper, type CliSandbox } from "../fixtures/cli";
import { appWithLocalOidc } from "../fixtures/connect";

// `fiber connect-session create`: a connect link for one of the app's end users, from the terminal.
const suite = cliSuite("connect-cli", { perTest: true, instance: "development" });
let dev: CliDeveloper;
let cli: CliSandbox;
test.beforeEach(() => void ({ dev, cli } = suite));

test("prints a connect URL that opens the hosted page; --json answers the API's JSON; bad input exits 1", async ({ request }) => {
  const { appId, authenticatorId } = await appWithLocalOidc(dev.api, "CLI OIDC");
  await cli.expectExit(0, ["app", "link", appId]);
  const plain = await cli.expectExit(0, ["connect-session", "create", "--end-user", "u_cli", "--authenticator", authenticatorId, "--email", "cli@customer.test"]);
  const url = /(http\S+\/connect\/fw_cs_[A-Za-z0-9_-]{43})/.exec(plain.stdout)?.[1];
  expect(url, plain.stdout).toBeTruthy();
  expect(plain.stdout).toContain(`Connect session for u_cli (${authenticatorId})`);
  const page = await request.get(url!);
  expect(page.status()).toBe(200);
  expect((await page.text()).replace(/<!-- -->/g, "")).toContain("Connect your accounts to CLI OIDC app");

  const answer = json<{ token: string; end_user_id: string; allowed_origins: string[] }>(
    await cli.expectExit(0, ["connect-session", "create", "--end-user", "u_cli", "--origin", "http://127.0.0.2:4000", "--json"]),
  );
  expect(answer).toMatchObject({ end_user_id: "u_cli", allowed_origins: ["http://127.0.0.2:4000"] });
  expect(answer.token).toMatch(/^fw_cs_/);

  const invalid = await cli.expectExit(1, ["connect-session", "create", "--end-user", "tab\there"]);
  expect(invalid.stderr).toContain("end_user_id may contain only printable characters");
  const refused = await cli.expectExit(1, ["connect-session", "create", "--end-user", "u_cli", "--origin", "https://app.example.com/path"]);
  expect(refused.stderr).toContain("invalid_origin");
});
