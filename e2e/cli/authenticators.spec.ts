import { expect, test } from "@playwright/test";
import { cliSuite, json, type CliDeveloper, type CliSandbox } from "../fixtures/cli";
import { OIDC_ISSUER } from "../fixtures/env";

// The authenticator verbs, in the spec's long forms (`fiber app oauth …`) and short forms.

type Authenticator = { authenticator_id: string; name: string; scopes: string[]; redirect_uri: string; is_active: boolean; client_secret_hint: string };

const suite = cliSuite("authn", { perTest: true, instance: "development", link: true });
let baseURL = "";
let dev: CliDeveloper;
let cli: CliSandbox;
test.beforeEach(() => void ({ baseURL, dev, cli } = suite));

const fetchAuthenticator = async (id: string) => (await (await dev.api.get(`/api/v1/oauth/authenticators/${id}`)).json()) as Authenticator;

test("short form: register google from flags, with the template's name, URLs and redirect URI", async () => {
  const result = await cli.expectExit(0, [
    "register-authenticator", "google",
    "--client-id=123456789-abcdef.apps.googleusercontent.com",
    "--client-secret=GOCSPX-your-secret",
    "--scopes=profile,email,https://www.googleapis.com/auth/gmail.readonly",
  ]);
  const id = /\(([a-z0-9-]+)\) for app/.exec(result.stdout)?.[1];
  expect(id).toMatch(/^google(-\d+)?$/);
  expect(result.stdout).toContain(`✔ Registered Google (${id}) for app ${dev.appId} on development`);
  expect(result.stdout).toContain(`Add this redirect URI in the provider's console: ${baseURL}/auth/callback/${id}`);
  expect(await fetchAuthenticator(id!)).toMatchObject({
    name: "Google",
    authenticator_type: "google",
    authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
    scopes: ["profile", "email", "https://www.googleapis.com/auth/gmail.readonly"],
    client_secret_hint: "…cret",
  });

  const table = await cli.expectExit(0, ["list-authenticators"]);
  expect(table.stdout).toMatch(/ID\s+NAME\s+TYPE\s+SCOPES\s+STATUS\s+CONNECTIONS/);
  expect(table.stdout).toMatch(new RegExp(`${id}\\s+Google\\s+google\\s+profile,email,https://www\\.google\\S*…\\s+active\\s+0`));
});

test("update changes scopes, rotates the secret, renames, disables and enables", async () => {
  const { authenticator_id: id } = json<Authenticator>(
    await cli.expectExit(0, ["register-authenticator", "microsoft", "--client-id=12345678-1234", "--client-secret=your-microsoft-secret", "--scopes=User.Read", "--json"]),
  );
  const scoped = await cli.expectExit(0, ["update-authenticator", id, '--scopes=User.Read, Mail.Read,Calendars.Read']);
  expect(scoped.stdout).toContain(`✔ Updated Microsoft (${id}): scopes`);
  expect((await fetchAuthenticator(id)).scopes).toEqual(["User.Read", "Mail.Read", "Calendars.Read"]);

  await cli.expectExit(0, ["update-authenticator", id, "--client-secret=rotated-secret-4242", "--name", "Outlook"]);
  expect(await fetchAuthenticator(id)).toMatchObject({ name: "Outlook", client_secret_hint: "…4242" });

  expect((await cli.expectExit(0, ["update-authenticator", id, "--disable"])).stdout).toContain("disabled");
  expect(json<{ authenticators: Authenticator[] }>(await cli.run(["list-authenticators", "--json"])).authenticators).toEqual([]);
  const all = await cli.expectExit(0, ["list-authenticators", "--include-disabled"]);
  expect(all.stdout).toMatch(new RegExp(`${id}\\s+Outlook\\s+microsoft\\s+.*disabled`));
  expect(json<Authenticator>(await cli.expectExit(0, ["update-authenticator", id, "--enable", "--json"])).is_active).toBe(true);

  expect((await cli.expectExit(1, ["update-authenticator", id])).stderr).toContain("Nothing to update (usage)");
  expect((await cli.expectExit(1, ["update-authenticator", id, "--disable", "--enable"])).stderr).toContain("not both");
  expect((await cli.expectExit(1, ["update-authenticator", id, "--token-url=not-a-url"])).stderr).toContain("token_url: token_url must be an absolute URL");
});

test("delete removes it; an unknown authenticator exits 3 with the spec's troubleshooting", async () => {
  const { authenticator_id: id } = json<Authenticator>(
    await cli.expectExit(0, ["register-authenticator", "slack", "--client-id=c", "--client-secret=slack-secret-value", "--json"]),
  );
  expect((await cli.expectExit(0, ["app", "oauth", "delete-authenticator", id, "--to-instance", "development"])).stdout).toContain(`✔ Deleted authenticator ${id}`);
  expect((await dev.api.get(`/api/v1/oauth/authenticators/${id}`)).status()).toBe(404);

  for (const args of [["delete-authenticator", id], ["update-authenticator", "google-auth-id", "--scopes=email"]]) {
    const result = await cli.expectExit(3, args);
    expect(result.stderr).toMatch(/✖ Authenticator not found: ".*".*\(authenticator_not_found\)/);
    expect(result.stderr).toContain("fiber list-authenticators --to-instance development");
    expect(result.stderr).toContain("ls .fw-data/fw_app_info.json");
    expect(result.stderr).toContain("Check the authenticator_id matches exactly");
    expect(result.stderr).toContain("Ensure the correct instance/environment");
  }
  const asJson = await cli.expectExit(3, ["delete-authenticator", id, "--json"]);
  expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: "authenticator_not_found" } });
});

test("add-provider is register-authenticator; broad scopes are warned about; --json prints the API's JSON", async () => {
  const result = await cli.expectExit(0, ["add-provider", "github", "--client-id=gh", "--client-secret=github-client-secret", "--scopes=user,repo,read:org"]);
  expect(result.stdout).toContain("✔ Registered GitHub");
  expect(result.stderr).toMatch(/⚠ repo: /);

  const created = json<Authenticator & { warnings: Array<{ code: string; scope?: string }> }>(
    await cli.expectExit(0, ["register-authenticator", "github", "--name=GitHub 2", "--client-id=gh2", "--client-secret=github-client-secret", "--scopes=repo", "--json"]),
  );
  expect(created).toMatchObject({ name: "GitHub 2", authenticator_type: "github", redirect_uri: `${baseURL}/auth/callback/${created.authenticator_id}` });
  expect(created.warnings).toContainEqual(expect.objectContaining({ code: "broad_scope", scope: "repo" }));
  expect(JSON.stringify(created)).not.toContain("github-client-secret");
});

test("--debug, --verbose and OAUTH_DEBUG=true trace each request with secrets masked", async () => {
  const secret = "GOCSPX-do-not-print-me";
  const debug = await cli.expectExit(0, ["register-authenticator", "google", "--client-id=cid", `--client-secret=${secret}`, "--debug"]);
  expect(debug.stderr).toContain(`→ POST ${baseURL}/api/v1/oauth/authenticators`);
  expect(debug.stderr).toMatch(/← 201 Created \(\d+ ms\)/);
  expect(debug.stderr).toContain(`authorization: Bearer ${dev.key.slice(0, 12)}…`);
  expect(debug.stderr).toContain('"client_secret": "••••"');
  expect(debug.stderr).toContain('"client_id": "cid"');
  expect(debug.stderr).not.toContain(secret);
  expect(debug.stderr).not.toContain(dev.key);
  // Where the server's own OAuth log is (the spec's `tail -f .fiberwise-core/logs/oauth.log`), said once.
  expect(debug.stderr.split("\n").filter((line) => line.includes(".fiberwise-core/logs/oauth.log"))).toHaveLength(1);
  expect(debug.stderr).toContain("when the server runs with OAUTH_DEBUG=true");

  const verbose = await cli.expectExit(0, ["app", "oauth", "list-authenticators", "--verbose"]);
  expect(verbose.stderr).toContain(`→ GET ${baseURL}/api/v1/oauth/authenticators?app_id=${dev.appId}`);
  const env = await cli.expectExit(0, ["list-authenticators"], { env: { OAUTH_DEBUG: "true" } });
  expect(env.stderr).toContain("← 200 OK");
  expect(env.stderr).toContain(".fiberwise-core/logs/oauth.log in the server's working directory");
  const quiet = await cli.expectExit(0, ["list-authenticators"]);
  expect(quiet.stderr).not.toContain("oauth.log");
  expect(env.stderr).not.toContain(dev.key);
});

test("a key without authenticators:write gets insufficient_scope (exit 2) with the spec's advice", async () => {
  const readOnly = await dev.createKey({ scopes: ["authenticators:read"] });
  const result = await cli.expectExit(2, ["register-authenticator", "google", "--client-id=c", "--client-secret=s-123456789"], {
    env: { FIBER_URL: baseURL, FIBER_API_KEY: readOnly },
  });
  expect(result.stderr).toContain("(insufficient_scope)");
  expect(result.stderr).toContain("Request additional scopes in the authenticator config");
  expect(result.stderr).toContain("re-authorize");
  await cli.expectExit(0, ["list-authenticators"], { env: { FIBER_URL: baseURL, FIBER_API_KEY: readOnly } });
});

test("discover-authenticator prints a config file that register-authenticator takes as it is", async () => {
  const found = await cli.expectExit(0, ["discover-authenticator", OIDC_ISSUER, "--name", "Local OIDC"]);
  const config = JSON.parse(found.stdout) as Record<string, unknown> & { configuration: Record<string, unknown> };
  expect(config).toMatchObject({
    name: "Local OIDC", authenticator_type: "custom", client_id: "${LOCAL_OIDC_CLIENT_ID}", client_secret: "${LOCAL_OIDC_CLIENT_SECRET}",
    authorize_url: `${OIDC_ISSUER}/auth`, token_url: `${OIDC_ISSUER}/token`, configuration: { issuer: OIDC_ISSUER, revocation_url: `${OIDC_ISSUER}/token/revocation` },
  });
  const file = await cli.write("local-oidc.json", found.stdout);
  const registered = json<Authenticator & { authorize_url: string; configuration: Record<string, unknown> }>(
    await cli.expectExit(0, ["register-authenticator", "--authenticator-config", file, "--json"], { env: { LOCAL_OIDC_CLIENT_ID: "e2e-client", LOCAL_OIDC_CLIENT_SECRET: "e2e-client-secret-0123456789abcdef" } }),
  );
  expect(registered).toMatchObject({ name: "Local OIDC", scopes: config.scopes, authorize_url: `${OIDC_ISSUER}/auth`, configuration: config.configuration });
  expect((await cli.expectExit(1, ["discover-authenticator", "http://169.254.169.254"])).stderr).toContain("invalid_provider_url");
});
