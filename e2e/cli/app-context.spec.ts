import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliSandbox, cliSuite, json, type CliDeveloper, type CliSandbox } from "../fixtures/cli";

// Which app a command is about: .fw-data/fw_app_info.json in --app-dir (default: the current
// directory), written by `fiber app link`, or the app an API key is restricted to.

const suite = cliSuite("context", { instance: "development" });
let baseURL = "";
let dev: CliDeveloper;
let cli: CliSandbox;
test.beforeEach(() => void ({ baseURL, dev, cli } = suite));

test("no app context: exit 1 with the spec's diagnosis", async () => {
  const result = await cli.expectExit(1, ["list-authenticators"]);
  expect(result.stderr).toContain(
    `✖ No app context: .fw-data/fw_app_info.json not found in ${cli.dir}. Verify app context: ls .fw-data/fw_app_info.json — or run \`fiber app link <app_id>\` (no_app_context)`,
  );
  const other = path.join(cli.root, "elsewhere");
  await mkdir(other);
  expect((await cli.expectExit(1, ["app", "oauth", "list-authenticators", "--app-dir", other])).stderr).toContain(`not found in ${other}`);
});

test("app link checks the app, writes fw_app_info.json keeping other keys, and commands then find it", async () => {
  await cli.write(".fw-data/fw_app_info.json", { app_name: "kept", version: 3 });
  const linked = await cli.expectExit(0, ["app", "link", dev.appId]);
  expect(linked.stdout).toContain(`✔ Linked ${path.join(cli.dir, ".fw-data/fw_app_info.json")} to app "context app" (${dev.appId}) on development`);
  expect(JSON.parse(await cli.read(".fw-data/fw_app_info.json"))).toEqual({ app_name: "kept", version: 3, app_id: dev.appId });
  expect(json(await cli.expectExit(0, ["list-authenticators", "--json"]))).toEqual({ authenticators: [] });

  // --app-dir: link and list another directory from here.
  await cli.expectExit(0, ["app", "link", dev.appId, "--app-dir", "./my-app"]);
  expect(JSON.parse(await cli.read("my-app/.fw-data/fw_app_info.json"))).toEqual({ app_id: dev.appId });
  await cli.expectExit(0, ["app", "oauth", "list-authenticators", "--app-dir", "./my-app", "--to-instance", "development"]);
});

test("app link refuses an unknown app (exit 3) and a malformed id (exit 1); --no-verify needs no instance", async () => {
  const unknown = await cli.expectExit(3, ["app", "link", "no-such-app"]);
  expect(unknown.stderr).toContain("(app_not_found)");
  await expect(cli.read(".fw-data/fw_app_info.json")).rejects.toThrow();
  expect((await cli.expectExit(1, ["app", "link", "Not An Id"])).stderr).toContain("(validation_error)");

  const offline = await cliSandbox();
  try {
    await offline.expectExit(0, ["app", "link", "some-app", "--no-verify"]);
    expect(JSON.parse(await offline.read(".fw-data/fw_app_info.json"))).toEqual({ app_id: "some-app" });
  } finally {
    await offline.cleanup();
  }
});

test("a key restricted to one app needs no fw_app_info.json", async () => {
  const restricted = await dev.createKey({ app_id: dev.appId });
  const result = await cli.expectExit(0, ["list-authenticators"], { env: { FIBER_URL: baseURL, FIBER_API_KEY: restricted } });
  expect(result.stdout).toContain(`No active authenticators in app ${dev.appId}`);
});

test("a broken fw_app_info.json is named with line and column", async () => {
  await cli.write(".fw-data/fw_app_info.json", '{\n  "app_id": "x",\n}\n');
  const result = await cli.expectExit(1, ["list-authenticators"]);
  expect(result.stderr).toContain(`Invalid JSON in ${path.join(cli.dir, ".fw-data/fw_app_info.json")}:3:1`);
});
