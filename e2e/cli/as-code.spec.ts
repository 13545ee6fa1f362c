import { randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cliSuite, json, type CliDeveloper, type CliResult, type CliSandbox } from "../fixtures/cli";
import { CUSTOM_EXAMPLE, GOOGLE_EXAMPLE, MICROSOFT_EXAMPLE } from "../fixtures/spec-examples";

// Authenticators as code: `fiber app oauth export | plan | apply --dir ./oauth` with the real
// executable against the production server. Authenticator ids are global on the server, so every
// test makes its own (custom providers named with a random tag).

type Remote = { authenticator_id: string; name: string; scopes: string[]; client_secret_hint: string | null; is_active: boolean };
type PlanJson = {
  changes: number;
  summary: Record<string, number>;
  create: Array<{ authenticator_id: string; fields: Record<string, unknown> }>;
  update: Array<{ authenticator_id: string; changes: Array<{ field: string; old?: unknown; new?: unknown; status?: string }> }>;
  delete: Array<{ authenticator_id: string }>;
  kept: Array<{ authenticator_id: string }>;
  unchanged: Array<{ authenticator_id: string }>;
};

const suite = cliSuite("ascode", { perTest: true, instance: "production", link: true });
let dev: CliDeveloper;
let cli: CliSandbox;
test.beforeEach(() => void ({ dev, cli } = suite));

const oauth = (verb: string, ...args: string[]) => ["app", "oauth", verb, "--dir", "./oauth", ...args];
const envName = (id: string) => `${id.toUpperCase().replace(/-/g, "_")}_CLIENT_SECRET`;
const tag = () => randomBytes(4).toString("hex");

/** A custom authenticator registered over the API (its id is the slug of its name). */
async function registerCustom(name: string, secret: string, extra: Record<string, unknown> = {}) {
  const response = await dev.api.post("/api/v1/oauth/authenticators", {
    data: {
      app_id: dev.appId, name, authenticator_type: "custom", client_id: `client-${name}`, client_secret: secret,
      authorize_url: "https://login.example.com/oauth/authorize", token_url: "https://login.example.com/oauth/token",
      scopes: ["read", "write"], ...extra,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Remote;
}
const fetchOne = async (id: string) => (await dev.api.get(`/api/v1/oauth/authenticators/${id}`)).json() as Promise<Remote>;
const noSecrets = (result: CliResult, secrets: string[]) => {
  for (const secret of secrets) expect(`${result.stdout}\n${result.stderr}`).not.toContain(secret);
};

test("export writes one spec file per authenticator, in a fixed form, with the secret as a ${VAR} reference", async () => {
  const t = tag();
  const secrets = [`first-secret-${t}-0001`, `second-secret-${t}-0002`];
  const first = await registerCustom(`Export one ${t}`, secrets[0]!, { configuration: { pkce: true, token_auth_method: "client_secret_basic" } });
  const second = await registerCustom(`Export two ${t}`, secrets[1]!);
  await dev.api.patch(`/api/v1/oauth/authenticators/${second.authenticator_id}`, { data: { is_active: false } });

  const result = await cli.expectExit(0, oauth("export"));
  noSecrets(result, secrets);
  const files = (await readdir(path.join(cli.dir, "oauth"))).sort();
  expect(files).toEqual([`${first.authenticator_id}.json`, `${second.authenticator_id}.json`].sort());
  const text = await cli.read(`oauth/${first.authenticator_id}.json`);
  expect(text).toBe(`{
  "name": "Export one ${t}",
  "authenticator_type": "custom",
  "client_id": "client-Export one ${t}",
  "client_secret": "\${${envName(first.authenticator_id)}}",
  "scopes": [
    "read",
    "write"
  ],
  "authorize_url": "https://login.example.com/oauth/authorize",
  "token_url": "https://login.example.com/oauth/token",
  "redirect_uri": "${suite.baseURL}/auth/callback/${first.authenticator_id}",
  "configuration": {
    "pkce": true,
    "token_auth_method": "client_secret_basic"
  },
  "is_active": true
}
`);
  expect(JSON.parse(await cli.read(`oauth/${second.authenticator_id}.json`))).toMatchObject({ is_active: false, configuration: {} });
  for (const file of files) {
    const content = await cli.read(`oauth/${file}`);
    for (const secret of secrets) expect(content).not.toContain(secret);
    expect(content).not.toMatch(/fingerprint|scrypt|client_secret_hint/);
  }
  expect(result.stdout).toContain(`Exported 2 authenticators of app ${dev.appId} on production. No secret was written.`);
  expect(result.stdout).toContain(`export ${envName(first.authenticator_id)}="…"`);
  expect(result.stdout).toContain(`export ${envName(second.authenticator_id)}="…"`);

  // Again: byte for byte the same, and a reference someone chose survives.
  await cli.write(`oauth/${first.authenticator_id}.json`, text.replace(`\${${envName(first.authenticator_id)}}`, "${MY_OWN_NAME}"));
  const again = json<{ files: Array<{ status: string; env: string[] }>; env: string[] }>(await cli.expectExit(0, oauth("export", "--json")));
  expect(again.files.map((f) => f.status)).toEqual(["unchanged", "unchanged"]);
  expect(again.env).toContain("MY_OWN_NAME");
  expect(await cli.read(`oauth/${second.authenticator_id}.json`)).toContain(`"\${${envName(second.authenticator_id)}}"`);
});

test("plan: exit 0 when in sync; an edited file, a new file and a changed secret are exactly the changes; apply makes them", async () => {
  test.setTimeout(120_000);
  const t = tag();
  const a = await registerCustom(`Alpha ${t}`, `alpha-secret-${t}-1111`);
  const b = await registerCustom(`Beta ${t}`, `beta-secret-${t}-2222`);
  await cli.expectExit(0, oauth("export"));
  const env: Record<string, string> = { [envName(a.authenticator_id)]: `alpha-secret-${t}-1111`, [envName(b.authenticator_id)]: `beta-secret-${t}-2222` };

  const inSync = await cli.expectExit(0, oauth("plan"), { env });
  expect(inSync.stdout).toContain("No changes: 2 authenticators in ./oauth match the app.");

  // Scopes edited in one file, a new file, and the other's secret changed in the environment.
  const aFile = `oauth/${a.authenticator_id}.json`;
  await cli.write(aFile, (await cli.read(aFile)).replace(/"scopes": \[[^\]]*\]/, '"scopes": [\n    "read",\n    "admin"\n  ]'));
  const newId = `gamma-${t}`;
  await cli.write(`oauth/${newId}.json`, {
    name: `Gamma ${t}`, authenticator_type: "custom", client_id: "gamma-client", client_secret: "${GAMMA_SECRET}",
    authorize_url: "https://login.example.com/oauth/authorize", token_url: "https://login.example.com/oauth/token", scopes: ["read"],
  });
  const newSecret = `beta-rotated-${t}-3333`;
  const changedEnv = { ...env, [envName(b.authenticator_id)]: newSecret, GAMMA_SECRET: `gamma-secret-${t}-4444` };
  const secrets = Object.values(changedEnv);

  const planned = await cli.expectExit(2, oauth("plan"), { env: changedEnv });
  noSecrets(planned, secrets);
  expect(planned.stdout).toContain(`+ create ${newId} (oauth/${newId}.json)`);
  expect(planned.stdout).toContain("client_secret: set from ${GAMMA_SECRET}");
  expect(planned.stdout).toContain(`redirect_uri: "${suite.baseURL}/auth/callback/${newId}" (the id comes from the file name)`);
  expect(planned.stdout).toContain(`~ update ${a.authenticator_id} (${aFile})\n    scopes: ["read","write"] → ["read","admin"]\n    client_secret: unchanged`);
  expect(planned.stdout).toContain(`~ update ${b.authenticator_id} (oauth/${b.authenticator_id}.json)\n    client_secret: changed\n`);
  expect(planned.stdout).toContain("Plan: 1 to create, 2 to update, 0 to delete, 0 unchanged.");

  const asJson = json<PlanJson>(await cli.expectExit(2, oauth("plan", "--json"), { env: changedEnv }));
  expect(asJson.summary).toEqual({ create: 1, update: 2, delete: 0, unchanged: 0, kept: 0 });
  expect(asJson.create.map((c) => c.authenticator_id)).toEqual([newId]);
  expect(asJson.update).toEqual([
    { authenticator_id: a.authenticator_id, file: aFile, name: a.name, changes: [{ field: "scopes", old: ["read", "write"], new: ["read", "admin"] }] },
    { authenticator_id: b.authenticator_id, file: `oauth/${b.authenticator_id}.json`, name: b.name, changes: [{ field: "client_secret", status: "changed" }] },
  ]);

  // Not on a terminal and without --yes: the plan is shown, nothing is applied.
  const refused = await cli.expectExit(1, oauth("apply"), { env: changedEnv });
  expect(refused.stderr).toContain("Refusing to apply 3 changes without confirmation; nothing was applied (confirmation_required)");
  expect((await fetchOne(a.authenticator_id)).scopes).toEqual(["read", "write"]);

  const applied = await cli.expectExit(0, oauth("apply", "--yes"), { env: changedEnv });
  noSecrets(applied, secrets);
  expect(applied.stdout).toContain(`✔ [1/3] + create ${newId} (oauth/${newId}.json)`);
  expect(applied.stdout).toContain(`Add this redirect URI in the provider's console: ${suite.baseURL}/auth/callback/${newId}`);
  expect(applied.stdout).toContain(`✔ [3/3] ~ update ${b.authenticator_id}`);
  expect(applied.stdout).toContain(`✔ Applied 3 changes to app ${dev.appId} on production.`);

  expect((await fetchOne(a.authenticator_id)).scopes).toEqual(["read", "admin"]);
  expect((await fetchOne(b.authenticator_id)).client_secret_hint).toBe("…3333");
  expect(await fetchOne(newId)).toMatchObject({ name: `Gamma ${t}`, client_secret_hint: "…4444" });
  expect((await cli.expectExit(0, oauth("plan"), { env: changedEnv })).stdout).toContain("No changes: 3 authenticators in ./oauth match the app.");
});

test("on a terminal apply asks first: no applies nothing, yes applies", async () => {
  const t = tag();
  const one = await registerCustom(`Asked ${t}`, `asked-secret-${t}`);
  await cli.expectExit(0, oauth("export"));
  const file = `oauth/${one.authenticator_id}.json`;
  await cli.write(file, (await cli.read(file)).replace(`"Asked ${t}"`, `"Answered ${t}"`));
  const env = { [envName(one.authenticator_id)]: `asked-secret-${t}` };

  const declined = await cli.expectExit(1, oauth("apply"), { env, tty: true, input: "n\n" });
  expect(declined.stdout).toContain(`Apply this change to app ${dev.appId} on production? [y/N]`);
  expect(declined.stdout).toContain("Nothing was applied (cancelled)");
  expect((await fetchOne(one.authenticator_id)).name).toBe(`Asked ${t}`);

  const accepted = await cli.expectExit(0, oauth("apply"), { env, tty: true, input: "y\n" });
  expect(accepted.stdout).toContain(`✔ Applied 1 change to app ${dev.appId} on production.`);
  expect((await fetchOne(one.authenticator_id)).name).toBe(`Answered ${t}`);
});

test("a change that fails stops apply, which says what was and was not applied", async () => {
  test.setTimeout(120_000);
  const t = tag();
  const existing = await registerCustom(`Existing ${t}`, `existing-secret-${t}`);
  await cli.expectExit(0, oauth("export"));
  const env = { [envName(existing.authenticator_id)]: `existing-secret-${t}`, NEW_SECRET: `new-secret-${t}` };
  const custom = (name: string, tokenUrl = "https://login.example.com/oauth/token") => ({
    name, authenticator_type: "custom", client_id: `cid-${name}`, client_secret: "${NEW_SECRET}",
    authorize_url: "https://login.example.com/oauth/authorize", token_url: tokenUrl,
  });
  await cli.write(`oauth/a-${t}.json`, custom(`A ${t}`));
  // Valid for the CLI's schema, refused by the server: the cloud metadata address.
  await cli.write(`oauth/b-${t}.json`, custom(`B ${t}`, "https://169.254.169.254/token"));
  await cli.write(`oauth/c-${t}.json`, custom(`C ${t}`));
  const existingFile = `oauth/${existing.authenticator_id}.json`;
  await cli.write(existingFile, (await cli.read(existingFile)).replace(`"Existing ${t}"`, `"Renamed ${t}"`));

  const failed = await cli.expectExit(1, oauth("apply", "--yes"), { env });
  expect(failed.stdout).toContain(`✔ [1/4] + create a-${t}`);
  expect(failed.stdout).toContain(`Applied 1 of 4:\n  ✔ + create a-${t} (oauth/a-${t}.json)\nNot applied (3):`);
  expect(failed.stdout).toContain(`  ✖ + create b-${t} (oauth/b-${t}.json) (failed)`);
  expect(failed.stdout).toContain(`  · + create c-${t} (oauth/c-${t}.json) (not attempted)`);
  expect(failed.stdout).toContain(`  · ~ update ${existing.authenticator_id} (${existingFile}) (not attempted)`);
  expect(failed.stderr).toMatch(new RegExp(`✖ Stopped at \\+ create b-${t} \\(oauth/b-${t}\\.json\\): .*\\(invalid_provider_url\\)`));
  noSecrets(failed, Object.values(env));

  expect((await fetchOne(`a-${t}`)).name).toBe(`A ${t}`);
  expect((await dev.api.get(`/api/v1/oauth/authenticators/c-${t}`)).status()).toBe(404);
  expect((await fetchOne(existing.authenticator_id)).name).toBe(`Existing ${t}`);

  const json_ = json<{ applied: unknown[]; failed: { authenticator_id: string; code: string }; not_applied: Array<{ authenticator_id: string }> }>(
    await cli.expectExit(1, oauth("apply", "--yes", "--json"), { env }),
  );
  expect(json_.applied).toEqual([]);
  expect(json_.failed).toMatchObject({ action: "create", authenticator_id: `b-${t}`, code: "invalid_provider_url" });
  expect(json_.not_applied.map((c) => c.authenticator_id)).toEqual([`b-${t}`, `c-${t}`, existing.authenticator_id]);

  // Fixed, apply picks up from where the app is now.
  await cli.write(`oauth/b-${t}.json`, custom(`B ${t}`));
  const fixed = await cli.expectExit(0, oauth("apply", "--yes"), { env });
  expect(fixed.stdout).toContain("Plan: 2 to create, 1 to update, 0 to delete, 1 unchanged.");
  await cli.expectExit(0, oauth("plan"), { env });
});

test("--prune deletes authenticators without a file; without it they are listed and kept", async () => {
  test.setTimeout(120_000);
  const t = tag();
  const keep = await registerCustom(`Keep ${t}`, `keep-secret-${t}`);
  const drop = await registerCustom(`Drop ${t}`, `drop-secret-${t}`);
  await cli.expectExit(0, oauth("export"));
  await rm(path.join(cli.dir, "oauth", `${drop.authenticator_id}.json`));
  const env = { [envName(keep.authenticator_id)]: `keep-secret-${t}` };

  const kept = await cli.expectExit(0, oauth("plan"), { env });
  expect(kept.stdout).toContain(`  ${drop.authenticator_id} ("Drop ${t}", 0 connections): not in ./oauth, kept (--prune deletes it)`);
  expect(kept.stdout).toContain("No changes: 1 authenticator in ./oauth matches the app; 1 not in ./oauth, kept.");

  const pruning = await cli.expectExit(2, oauth("plan", "--prune"), { env });
  expect(pruning.stdout).toContain(`- delete ${drop.authenticator_id} ("Drop ${t}", 0 connections)`);
  expect(pruning.stdout).toContain("Plan: 0 to create, 0 to update, 1 to delete, 1 unchanged.");

  await cli.expectExit(0, oauth("apply", "--prune", "--yes"), { env });
  expect((await dev.api.get(`/api/v1/oauth/authenticators/${drop.authenticator_id}`)).status()).toBe(404);
  expect((await fetchOne(keep.authenticator_id)).name).toBe(`Keep ${t}`);
  await cli.expectExit(0, oauth("plan", "--prune"), { env });

  // An empty folder never prunes everything.
  await cli.write("empty/.keep", "");
  const empty = await cli.expectExit(1, ["app", "oauth", "apply", "--dir", "./empty", "--prune", "--yes"]);
  expect(empty.stderr).toContain("./empty holds no *.json files: refusing --prune");
  expect((await fetchOne(keep.authenticator_id)).name).toBe(`Keep ${t}`);
});

test("the spec's Google, Microsoft and Custom files, as a folder, apply cleanly and then plan clean", async () => {
  test.setTimeout(120_000);
  const t = tag();
  // Authenticator ids are platform-wide, so each example's redirect URI names an id of this test's own.
  for (const [example, id] of [[GOOGLE_EXAMPLE, "google"], [MICROSOFT_EXAMPLE, "microsoft"], [CUSTOM_EXAMPLE, "custom"]] as const) {
    await cli.write(`spec/${id}-${t}.json`, example.replace(`/auth/callback/${id}"`, `/auth/callback/${id}-${t}"`));
  }
  const applied = await cli.expectExit(0, ["app", "oauth", "apply", "--dir", "./spec", "--yes"]);
  expect(applied.stdout).toContain("Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged.");
  expect(applied.stdout).toContain(`Add this redirect URI in the provider's console: https://your-app.com/auth/callback/google-${t}`);
  noSecrets(applied, ["GOCSPX-your-secret-here", "your-microsoft-secret", "your-custom-client-secret"]);
  expect(await fetchOne(`custom-${t}`)).toMatchObject({ name: "Custom Provider", scopes: ["custom:scope1", "custom:scope2"], client_secret_hint: "…cret" });
  const clean = await cli.expectExit(0, ["app", "oauth", "plan", "--dir", "./spec"]);
  expect(clean.stdout).toContain("No changes: 3 authenticators in ./spec match the app.");
});

test("exit codes: 1 for invalid files (each listed), 4 when plan cannot reach the API, 2 for the same in other commands", async () => {
  await cli.write("oauth/good.json", { name: "Good", authenticator_type: "github", client_id: "c", client_secret: "${UNSET_SECRET_VAR}" });
  await cli.write("oauth/bad.json", { name: "", authenticator_type: "github", client_id: "c", client_secret: "s", scopes: 7 });
  const invalid = await cli.expectExit(1, oauth("plan"));
  expect(invalid.stderr).toContain("✖ 2 of 2 files in ./oauth are invalid; nothing was sent (invalid_spec_files)");
  expect(invalid.stderr).toContain("• oauth/good.json › client_secret: ${UNSET_SECRET_VAR} is not set");
  expect(invalid.stderr).toContain("• oauth/bad.json › name: name is required");
  expect(invalid.stderr).toContain('export UNSET_SECRET_VAR="…"');

  await rm(path.join(cli.dir, "oauth"), { recursive: true });
  await cli.write("oauth/ok.json", { name: "Ok", authenticator_type: "github", client_id: "c", client_secret: "s" });
  const offline = { FIBER_URL: "http://127.0.0.1:9", FIBER_API_KEY: "fw_live_nothing_listens_here" };
  const unreachable = await cli.expectExit(4, oauth("plan"), { env: offline });
  expect(unreachable.stderr).toContain("Could not reach http://127.0.0.1:9");
  expect(JSON.parse((await cli.expectExit(4, oauth("plan", "--json"), { env: offline })).stderr).error.code).toBe("network_error");
  await cli.expectExit(2, oauth("apply", "--yes"), { env: offline });
  await cli.expectExit(2, ["app", "oauth", "list-authenticators"], { env: offline });
});
