import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliSuite, json, type CliDeveloper, type CliSandbox } from "../fixtures/cli";

// `fiber instance …`: where the CLI keeps instances and keys, how it picks one, and its failures.

const suite = cliSuite("instances");
let baseURL = "";
let dev: CliDeveloper;
let cli: CliSandbox;
test.beforeEach(() => void ({ baseURL, dev, cli } = suite));

test("add verifies the key with /me, stores it 0600 in a 0700 directory, and lists it as a prefix only", async () => {
  const added = await cli.expectExit(0, ["instance", "add", "production", "--url", `${baseURL}/`, "--api-key", dev.key]);
  expect(added.stdout).toContain("✔ Added instance production");
  expect(added.stdout).toContain("now the default");
  expect(added.stdout).toContain(`acts for ${dev.email}`);
  expect(added.stdout).not.toContain(dev.key);

  const file = path.join(cli.configDir, "instances.json");
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect((await stat(cli.configDir)).mode & 0o777).toBe(0o700);

  const listed = await cli.expectExit(0, ["instance", "list"]);
  expect(listed.stdout).toMatch(/NAME\s+URL\s+API KEY/);
  expect(listed.stdout).toContain(`${dev.key.slice(0, 12)}…`);
  expect(listed.stdout).not.toContain(dev.key);
  expect(json(await cli.run(["instance", "list", "--json"]))).toEqual({
    default: "production",
    instances: [{ name: "production", url: baseURL, default: true, api_key: `${dev.key.slice(0, 12)}…` }],
  });
});

test("use switches the default, remove forgets, --to-instance picks one per command", async () => {
  await cli.expectExit(0, ["instance", "add", "production", "--url", baseURL, "--api-key", dev.key]);
  await cli.expectExit(0, ["instance", "add", "staging", "--url", "http://127.0.0.1:9", "--api-key", "fw_live_unverified", "--no-verify"]);
  expect(json(await cli.run(["instance", "list", "--json"]))).toMatchObject({ default: "production" });

  expect((await cli.expectExit(0, ["instance", "use", "staging"])).stdout).toContain("Default instance: staging");
  await cli.write(".fw-data/fw_app_info.json", { app_id: dev.appId });
  // The default now points at a dead port: exit 2 with the reason; --to-instance still reaches production.
  const down = await cli.expectExit(2, ["list-authenticators"]);
  expect(down.stderr).toContain("Could not reach http://127.0.0.1:9");
  expect(down.stderr).toContain("(network_error)");
  await cli.expectExit(0, ["list-authenticators", "--to-instance", "production"]);
  await cli.expectExit(0, ["list-authenticators"], { env: { FIBER_INSTANCE: "production" } });

  await cli.expectExit(0, ["instance", "remove", "staging"]);
  expect(json(await cli.run(["instance", "list", "--json"]))).toMatchObject({ default: null, instances: [{ name: "production" }] });
  const noDefault = await cli.expectExit(1, ["list-authenticators"]);
  expect(noDefault.stderr).toContain("No default instance");
  expect(noDefault.stderr).toContain("fiber instance use <name>");
});

test("an unknown instance exits 1, listing the known ones and how to add one", async () => {
  await cli.expectExit(0, ["instance", "add", "production", "--url", baseURL, "--api-key", dev.key]);
  for (const args of [["list-authenticators", "--to-instance", "prod"], ["instance", "use", "prod"], ["delete-authenticator", "google", "--to-instance", "prod"]]) {
    const result = await cli.expectExit(1, args);
    expect(result.stderr).toContain('✖ Unknown instance "prod" (unknown_instance)');
    expect(result.stderr).toContain("Known instances: production");
    expect(result.stderr).toContain("fiber instance add <name> --url <url> --api-key <key>");
  }
  const asJson = await cli.expectExit(1, ["list-authenticators", "--to-instance", "prod", "--json"]);
  expect(JSON.parse(asJson.stderr)).toEqual({ error: { code: "unknown_instance", message: 'Unknown instance "prod"' } });
});

test("a wrong key is refused at add (exit 2, nothing stored) and at use", async () => {
  const wrong = "fw_live_thisIsNotARealKeyAtAll000000000000000000";
  const added = await cli.expectExit(2, ["instance", "add", "production", "--url", baseURL, "--api-key", wrong]);
  expect(added.stderr).toContain("(invalid_api_key)");
  expect(added.stderr).toContain("fiber instance list");
  expect(json(await cli.run(["instance", "list", "--json"]))).toEqual({ default: null, instances: [] });

  const used = await cli.expectExit(2, ["list-authenticators", "--json"], { env: { FIBER_URL: baseURL, FIBER_API_KEY: wrong } });
  expect(JSON.parse(used.stderr).error.code).toBe("invalid_api_key");
  expect(used.stdout).toBe("");
});

test("--api-key-env stores only the variable's name and reads it at use time", async () => {
  await cli.expectExit(0, ["instance", "add", "ci", "--url", baseURL, "--api-key-env", "FIBER_CI_KEY"], { env: { FIBER_CI_KEY: dev.key } });
  const stored = await readFile(path.join(cli.configDir, "instances.json"), "utf8");
  expect(stored).toContain('"api_key_env": "FIBER_CI_KEY"');
  expect(stored).not.toContain(dev.key);
  expect((await cli.run(["instance", "list"])).stdout).toContain("$FIBER_CI_KEY (not set)");

  await cli.write(".fw-data/fw_app_info.json", { app_id: dev.appId });
  await cli.expectExit(0, ["list-authenticators"], { env: { FIBER_CI_KEY: dev.key } });
  const unset = await cli.expectExit(1, ["list-authenticators"]);
  expect(unset.stderr).toContain("comes from $FIBER_CI_KEY, which is not set");
});

test("FIBER_URL and FIBER_API_KEY together need no config file", async () => {
  await cli.write(".fw-data/fw_app_info.json", { app_id: dev.appId });
  const result = await cli.expectExit(0, ["list-authenticators", "--json"], { env: { FIBER_URL: baseURL, FIBER_API_KEY: dev.key } });
  expect(json(result)).toEqual({ authenticators: [] });
  await expect(stat(cli.configDir)).rejects.toThrow();

  const none = await cli.expectExit(1, ["list-authenticators"]);
  expect(none.stderr).toContain("No instance configured");
  expect(none.stderr).toContain("FIBER_URL and FIBER_API_KEY");
});

test("--help lists every command, with examples", async () => {
  const help = await cli.expectExit(0, ["--help"]);
  for (const command of ["instance", "app", "register-authenticator|add-provider", "list-authenticators", "delete-authenticator", "update-authenticator", "admin"]) {
    expect(help.stdout).toContain(command);
  }
  expect((await cli.expectExit(0, ["instance", "--help"])).stdout).toMatch(/add \[options\] <name>[\s\S]*list[\s\S]*use <name>[\s\S]*remove\|rm <name>[\s\S]*Examples:/);
  expect((await cli.expectExit(0, ["app", "oauth", "--help"])).stdout).toContain("fiber app oauth register-authenticator --authenticator-config");
  const register = await cli.expectExit(0, ["register-authenticator", "--help"]);
  for (const option of ["--authenticator-config", "--client-id", "--client-secret", "--scopes", "--app-dir", "--to-instance", "--json", "--debug", "--verbose"]) {
    expect(register.stdout).toContain(option);
  }
  expect((await cli.expectExit(0, ["list-authenticators", "--help"])).stdout).toContain("--include-disabled");
});
