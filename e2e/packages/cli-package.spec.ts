import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { asClient, PASSWORD, uniqueEmail } from "../fixtures/accounts";
import { cliDeveloper, type CliDeveloper } from "../fixtures/cli";
import { CUSTOM_EXAMPLE, GOOGLE_EXAMPLE, MICROSOFT_EXAMPLE } from "../fixtures/spec-examples";
import { packageSandbox, packOnce, REPO, shown, VERSION, type Env, type PackageSandbox, type Run } from "../fixtures/packages";

// @fiberwise/cli as a developer gets it: the tarball of `npm run pack` installed with
// `npm install -g --offline` into a global prefix of its own, on a "machine" (a temporary HOME outside
// the repository) where `fiber` can only be the installed file; then the e2e server driven with it.

test.describe.configure({ mode: "serial" });

let box: PackageSandbox;
let dev: CliDeveloper;
let baseURL = "";
let appDir = "";

/** `fiber …` by name, found on the sandbox's PATH, in the app directory. */
const fiber = (args: string[], env: Env = {}) => box.run("fiber", args, { cwd: appDir, env });
async function expectFiber(code: number, args: string[], env?: Env): Promise<Run> {
  const result = await fiber(args, env);
  expect(result.code, shown(`fiber ${args.join(" ")}`, result)).toBe(code);
  return result;
}

test.beforeAll(async ({ request }, info) => {
  test.setTimeout(180_000);
  baseURL = info.project.use.baseURL!;
  await packOnce();
  box = await packageSandbox("cli-package");
  appDir = await box.write("my-app/.keep", "").then(path.dirname);
  // The platform's first (admin) seat taken, so the developer is an ordinary account with an app and a key.
  await request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("first"), password: PASSWORD }, headers: asClient() });
  dev = await cliDeveloper(baseURL, "packaged-cli");
});
test.afterAll(async () => box?.cleanup());

test("npm install -g of the tarball works offline: one file, no dependencies, fiber on PATH, --version, a fast --help", async () => {
  const tarball = await box.bring((await packOnce()).cli);
  expect(path.basename(tarball)).toBe(`fiberwise-cli-${VERSION}.tgz`);
  const install = await box.run("npm", ["install", "-g", "--offline", tarball]);
  expect(install.code, shown("npm install -g", install)).toBe(0);
  expect(install.stdout).toContain("added 1 package");

  // What landed: the manifest, the README and one executable file; nothing to install beside it.
  const installed = path.join(box.prefix, "lib", "node_modules", "@fiberwise", "cli");
  const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as Record<string, unknown>;
  expect(manifest).toMatchObject({ name: "@fiberwise/cli", version: VERSION, license: "Apache-2.0", bin: { fiber: "dist/fiber.mjs" }, engines: { node: ">=20.19" } });
  expect(manifest.dependencies).toBeUndefined();
  expect((await readdir(installed)).sort()).toEqual(["README.md", "dist", "package.json"]);
  expect(await readdir(path.join(installed, "dist"))).toEqual(["fiber.mjs"]);
  const bundle = await readFile(path.join(installed, "dist", "fiber.mjs"), "utf8");
  expect(bundle.startsWith("#!/usr/bin/env node\n")).toBe(true);
  // Nothing of the repository or the platform's server: no path of this checkout, no tsx loader, no
  // database driver, no server-only marker.
  expect(bundle.includes(REPO)).toBe(false);
  expect(bundle.match(/(?<!\.)\btsx\b|@prisma\/|server-only|@electric-sql|pglite/gi)).toBeNull();
  expect((await stat(path.join(box.prefix, "bin", "fiber"))).isFile()).toBe(true);

  expect((await expectFiber(0, ["--version"])).stdout.trim()).toBe(VERSION);
  const runs: Run[] = [];
  for (let i = 0; i < 3; i++) runs.push(await expectFiber(0, ["--help"]));
  expect(runs[0]!.stdout).toMatch(/Usage: fiber \[options\] \[command\]/);
  for (const command of ["instance", "app", "register-authenticator", "list-authenticators", "connect-session", "webhooks", "admin"]) {
    expect(runs[0]!.stdout).toContain(`  ${command}`);
  }
  const fastest = Math.min(...runs.map((r) => r.ms));
  await test.info().attach("fiber --help", { body: `fastest of 3: ${fastest.toFixed(0)} ms`, contentType: "text/plain" });
  expect(fastest).toBeLessThan(2000);
});

test("npm in this sandbox really is offline: a package that is not in a tarball cannot be installed", async () => {
  const refused = await box.run("npm", ["install", "-g", "--offline", "left-pad"]);
  expect(refused.code, shown("npm install left-pad", refused)).not.toBe(0);
  expect(refused.stderr).toMatch(/ENOTCACHED|offline/i);
});

test("instance add, app link, register-authenticator and list-authenticators against the e2e server", async () => {
  const added = await expectFiber(0, ["instance", "add", "e2e", "--url", baseURL, "--api-key", dev.key]);
  expect(added.stdout).toContain("✔ Added instance e2e");
  expect(added.stdout).toContain(`acts for ${dev.email}`);
  expect(added.stdout + added.stderr).not.toContain(dev.key);
  // The developer's own config directory, under the sandbox's HOME.
  const stored = path.join(box.home, ".config", "fiberwise", "instances.json");
  expect((await stat(stored)).mode & 0o777).toBe(0o600);

  await expectFiber(0, ["app", "link", dev.appId]);
  const secret = "packaged-cli-secret-5150";
  const registered = await expectFiber(0, ["register-authenticator", "github", "--client-id=Iv1.packaged", `--client-secret=${secret}`, "--scopes=user,read:org"]);
  const id = /\(([a-z0-9-]+)\) for app/.exec(registered.stdout)?.[1];
  expect(id).toMatch(/^github(-\d+)?$/);
  expect(registered.stdout).toContain(`✔ Registered GitHub (${id}) for app ${dev.appId} on e2e`);
  expect(registered.stdout).toContain(`Add this redirect URI in the provider's console: ${baseURL}/auth/callback/${id}`);
  expect(registered.stdout + registered.stderr).not.toContain(secret);

  const stored2 = (await (await dev.api.get(`/api/v1/oauth/authenticators/${id}`)).json()) as Record<string, unknown>;
  expect(stored2).toMatchObject({ authenticator_type: "github", client_id: "Iv1.packaged", scopes: ["user", "read:org"], client_secret_hint: "…5150" });

  const table = await expectFiber(0, ["list-authenticators"]);
  expect(table.stdout).toMatch(new RegExp(`${id}\\s+GitHub\\s+github\\s+user,read:org\\s+active\\s+0`));
  const listed = JSON.parse((await expectFiber(0, ["list-authenticators", "--json"])).stdout) as { authenticators: Array<{ authenticator_id: string }> };
  expect(listed.authenticators.map((a) => a.authenticator_id)).toEqual([id]);
});

test("the spec's JSON file with ${VAR}s registers; a wrong file lists every problem and sends nothing", async () => {
  await box.write("my-app/google-authenticator.json", JSON.stringify({
    name: "Google",
    authenticator_type: "google",
    client_id: "123456789-abcdef.apps.googleusercontent.com",
    client_secret: "${GOOGLE_CLIENT_SECRET}",
    scopes: ["openid", "profile", "email", "https://www.googleapis.com/auth/gmail.readonly"],
    authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
    token_url: "https://oauth2.googleapis.com/token",
  }, null, 2));
  const config = ["app", "oauth", "register-authenticator", "--authenticator-config", "./google-authenticator.json"];
  const done = await expectFiber(0, config, { GOOGLE_CLIENT_SECRET: "GOCSPX-packaged-4411" });
  expect(done.stdout).toMatch(/✔ Registered Google \(google(-\d+)?\) for app/);

  await box.write("my-app/broken.json", JSON.stringify({ name: "", authenticator_type: "custom", client_id: "x", scopes: "read", token_url: "not a url" }));
  const before = await fiber(["list-authenticators", "--json"]);
  const refused = await expectFiber(1, ["app", "oauth", "register-authenticator", "--authenticator-config", "./broken.json"]);
  expect(refused.stderr).toContain("✖ Missing required fields: name, client_secret (missing_required_fields)");
  expect(refused.stderr).toContain("token_url: token_url must be an absolute URL");
  expect(refused.stderr).toContain("authorize_url: authorize_url is required for a custom authenticator");
  expect(refused.stderr).toContain("nothing was registered");
  expect((await fiber(["list-authenticators", "--json"])).stdout).toBe(before.stdout);

  const missing = await expectFiber(1, config);
  expect(missing.stderr).toContain("✖ Environment variable GOOGLE_CLIENT_SECRET not set (referenced in ./google-authenticator.json) (missing_env_var)");
});

test("plan and apply a folder of the spec's JSON files with the installed CLI (authenticators as code)", async () => {
  const t = Math.random().toString(16).slice(2, 8);
  for (const [example, id] of [[GOOGLE_EXAMPLE, "google"], [MICROSOFT_EXAMPLE, "microsoft"], [CUSTOM_EXAMPLE, "custom"]] as const) {
    // Authenticator ids are global on the server (each file's redirect URI names an id of its own), and
    // an earlier test registered "Google" in this app: the names get the tag too.
    const file = example.replace(`/auth/callback/${id}"`, `/auth/callback/${id}-${t}"`).replace(/"name": "([^"]+)"/, `"name": "$1 ${t}"`);
    await box.write(`my-app/oauth/${id}-${t}.json`, file);
  }
  const planned = await expectFiber(2, ["app", "oauth", "plan", "--dir", "./oauth"]);
  expect(planned.stdout).toContain("Plan: 3 to create, 0 to update, 0 to delete");
  const applied = await expectFiber(0, ["app", "oauth", "apply", "--dir", "./oauth", "--yes"]);
  expect(applied.stdout + applied.stderr).not.toMatch(/GOCSPX-your-secret-here|your-microsoft-secret|your-custom-client-secret/);
  const clean = await expectFiber(0, ["app", "oauth", "plan", "--dir", "./oauth"]);
  // (The authenticators earlier tests registered are not in the folder: listed and kept, without --prune.)
  expect(clean.stdout).toContain("No changes: 3 authenticators in ./oauth match the app; 2 not in ./oauth, kept.");
  const stored = (await (await dev.api.get(`/api/v1/oauth/authenticators/custom-${t}`)).json()) as Record<string, unknown>;
  expect(stored).toMatchObject({ name: `Custom Provider ${t}`, scopes: ["custom:scope1", "custom:scope2"] });
});

test("admin bootstrap is not in the installed CLI, and says where to run it", async () => {
  const result = await expectFiber(1, ["admin", "bootstrap", "--email", "ops@example.com", "--password", "a long bootstrap passphrase"]);
  expect(result.stderr).toContain("✖ fiber admin bootstrap writes to the platform's database, so the installed CLI does not carry it (bootstrap_unavailable)");
  expect(result.stderr).toContain("npx fiber admin bootstrap");
  expect(result.stderr).toContain("/signup");
  const asJson = await expectFiber(1, ["admin", "bootstrap", "--email", "ops@example.com", "--json"]);
  expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: "bootstrap_unavailable" } });
});
