import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliSuite, json, type CliDeveloper, type CliSandbox } from "../fixtures/cli";

// `fiber app oauth register-authenticator --authenticator-config <file>`: the spec's JSON files,
// ${VAR} references, and every way a file can be wrong (each caught before anything is sent).

type Authenticator = { authenticator_id: string; client_id: string; client_secret_hint: string; redirect_uri: string; scopes: string[] };

// The spec's Google example, with the secret moved to the environment as its security section says.
const specGoogle = {
  name: "Google",
  authenticator_type: "google",
  client_id: "123456789-abcdef.apps.googleusercontent.com",
  client_secret: "${GOOGLE_CLIENT_SECRET}",
  scopes: ["openid", "profile", "email", "https://www.googleapis.com/auth/gmail.readonly"],
  redirect_uri: "https://your-app.com/auth/callback/google",
  authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
  token_url: "https://oauth2.googleapis.com/token",
};
const { redirect_uri: _, ...withoutRedirect } = specGoogle;
const SECRET = "GOCSPX-from-the-environment-7781";
const register = (file: string, ...extra: string[]) => ["app", "oauth", "register-authenticator", "--authenticator-config", file, ...extra];

const suite = cliSuite("config", { perTest: true, instance: "production", link: true });
let baseURL = "";
let dev: CliDeveloper;
let cli: CliSandbox;
test.beforeEach(() => void ({ baseURL, dev, cli } = suite));

test("the spec's Google file registers with ${VAR}s filled from the environment", async () => {
  await cli.write("google-authenticator.json", { ...withoutRedirect, client_id: "${GOOGLE_PROJECT}-${GOOGLE_CLIENT}.apps.googleusercontent.com" });
  const env = { GOOGLE_CLIENT_SECRET: SECRET, GOOGLE_PROJECT: "123456789", GOOGLE_CLIENT: "abcdef" };
  const result = await cli.expectExit(0, register("./google-authenticator.json", "--to-instance", "production"), { env });
  const id = /\(([a-z0-9-]+)\) for app/.exec(result.stdout)![1]!;
  expect(result.stdout).toContain(`Add this redirect URI in the provider's console: ${baseURL}/auth/callback/${id}`);
  expect(result.stderr).not.toContain("Never commit secrets");

  const stored = (await (await dev.api.get(`/api/v1/oauth/authenticators/${id}`)).json()) as Authenticator;
  expect(stored).toMatchObject({ client_id: specGoogle.client_id, client_secret_hint: "…7781", scopes: specGoogle.scopes });
  expect((await cli.expectExit(0, ["app", "oauth", "list-authenticators", "--to-instance", "production"])).stdout).toContain(id);
});

test("a redirect_uri on a domain the platform does not serve is refused with the Invalid redirect URI advice", async () => {
  // The spec's example shape, on an origin this server does not allow, and an id no other test has taken.
  const redirect = `https://your-domain.example/auth/callback/google-${Date.now()}`;
  await cli.write("google-authenticator.json", { ...specGoogle, redirect_uri: redirect });
  const result = await cli.expectExit(1, register("./google-authenticator.json"), { env: { GOOGLE_CLIENT_SECRET: SECRET } });
  expect(result.stderr).toMatch(/✖ Invalid redirect URI: .*\(invalid_redirect_uri\)/);
  expect(result.stderr).toContain(`Should be: ${baseURL}/auth/callback/google`);
  expect(result.stderr).toContain("Add the correct callback URL in the provider's console");
  expect(result.stderr).toContain("Ensure HTTPS in production");
  expect(json<{ authenticators: unknown[] }>(await cli.run(["list-authenticators", "--json"])).authenticators).toEqual([]);
});

test("custom and Microsoft files register from another --app-dir", async () => {
  await mkdir(path.join(cli.dir, "my-email-app"));
  await cli.expectExit(0, ["app", "link", dev.appId, "--app-dir", "./my-email-app"]);
  await cli.write("microsoft-authenticator.json", {
    name: "Microsoft", authenticator_type: "microsoft", client_id: "12345678-1234-1234-1234-123456789abc",
    client_secret: "${MICROSOFT_CLIENT_SECRET}", scopes: ["User.Read", "Mail.Read", "Calendars.Read"],
    authorize_url: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    token_url: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
  });
  await cli.write("custom.json", {
    name: "Custom Provider", authenticator_type: "custom", client_id: "your-custom-client-id", client_secret: "${CUSTOM_SECRET}",
    scopes: ["custom:scope1", "custom:scope2"],
    authorize_url: "https://custom-provider.com/oauth/authorize", token_url: "https://custom-provider.com/oauth/token",
  });
  const env = { MICROSOFT_CLIENT_SECRET: "your-microsoft-secret", CUSTOM_SECRET: "your-custom-client-secret" };
  await cli.expectExit(0, register("./microsoft-authenticator.json", "--app-dir", "./my-email-app"), { env });
  const custom = json<Authenticator>(await cli.expectExit(0, register("./custom.json", "--app-dir", "./my-email-app", "--json"), { env }));
  expect(custom.authenticator_id).toMatch(/^custom-provider/);
  const listed = json<{ authenticators: Authenticator[] }>(await cli.run(["list-authenticators", "--app-dir", "./my-email-app", "--json"]));
  expect(listed.authenticators.map((a) => a.client_id)).toEqual(["12345678-1234-1234-1234-123456789abc", "your-custom-client-id"]);
});

test("a missing variable is named with the file, and nothing is sent", async () => {
  await cli.write("google.json", { ...withoutRedirect, client_id: "${GOOGLE_CLIENT_ID}" });
  const result = await cli.expectExit(1, register("./google.json", "--debug"));
  expect(result.stderr).toContain("✖ Environment variables GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET not set (referenced in ./google.json) (missing_env_var)");
  expect(result.stderr).toContain("client_secret: ${GOOGLE_CLIENT_SECRET} is not set");
  expect(result.stderr).toContain('export GOOGLE_CLIENT_SECRET="…"');
  expect(result.stderr).not.toContain("→ POST");
});

test("invalid JSON names the file, line and column", async () => {
  await cli.write("broken.json", '{\n  "name": "Google",\n  "authenticator_type": "google"\n  "client_id": "x"\n}\n');
  const result = await cli.expectExit(1, register("./broken.json"));
  expect(result.stderr).toContain("✖ Invalid JSON in ./broken.json:4:3: Expected ',' or '}' after property value (invalid_json_file)");

  await cli.write("token.json", '{\n  "name": "Google",\n  "scopes": [tru]\n}');
  expect((await cli.expectExit(1, register("./token.json"))).stderr).toContain("Invalid JSON in ./token.json:3:17: Unexpected token ']'");
  expect((await cli.expectExit(1, register("./nope.json"))).stderr).toContain("Config file not found: ./nope.json");
});

test("validation lists every problem at once, before any request", async () => {
  await cli.write("incomplete.json", { authenticator_type: "custom", scopes: 42, extra: true });
  const result = await cli.expectExit(1, register("./incomplete.json", "--debug"));
  expect(result.stderr).toContain("✖ Missing required fields: name, client_id, client_secret (missing_required_fields)");
  for (const line of ["• name: name is required", "• client_id: client_id is required", "• client_secret: client_secret is required",
    "• authorize_url: authorize_url is required for a custom authenticator", "• token_url: token_url is required for a custom authenticator",
    "• scopes: scopes must be an array", 'Unrecognized key: "extra"', '"authenticator_type": "Required"']) {
    expect(result.stderr).toContain(line);
  }
  expect(result.stderr).not.toContain("→ POST");

  await cli.write("typo.json", { ...withoutRedirect, authenticator_type: "gogle", client_secret: "x" });
  const typo = await cli.expectExit(1, register("./typo.json", "--json"));
  expect(JSON.parse(typo.stderr).error).toMatchObject({ code: "unknown_authenticator_type" });
  expect((await cli.expectExit(1, register("./typo.json"))).stderr).toContain('Did you mean "google"?');
  expect(json<{ authenticators: unknown[] }>(await cli.run(["list-authenticators", "--json"])).authenticators).toEqual([]);
});

test("a literal client_secret in a git repository gets the spec's warning; ${VAR}s do not", async () => {
  await mkdir(path.join(cli.dir, ".git"));
  await cli.write("config/literal.json", { ...withoutRedirect, client_secret: "GOCSPX-literal-in-git" });
  const literal = await cli.expectExit(0, register("./config/literal.json"));
  expect(literal.stderr).toContain(`⚠ ./config/literal.json holds client_secret in plain text and is inside a git repository (${cli.dir})`);
  expect(literal.stderr).toContain("Never commit secrets: Use environment variables");
  expect(literal.stderr).toContain('"client_secret": "${GOOGLE_CLIENT_SECRET}"');

  await cli.write("config/env.json", { ...withoutRedirect, name: "Google 2" });
  const fromEnv = await cli.expectExit(0, register("./config/env.json"), { env: { GOOGLE_CLIENT_SECRET: SECRET } });
  expect(fromEnv.stderr).not.toContain("Never commit secrets");
});
