import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as newRequest, test } from "@playwright/test";
import { bearer, newAccount } from "../fixtures/accounts";
import { OIDC_CLIENT, OIDC_ISSUER } from "../fixtures/env";
import { authorizeAtProvider } from "../fixtures/provider-login";
import { startUpstreamApi, type UpstreamApi } from "../fixtures/upstream-api";

// The Python SDK (lib/sdk/python) against the real platform: a custom authenticator whose API base is
// the test provider API, an end user connected over HTTP, then the package installed in a fresh venv
// exactly as its README says (offline, no build isolation) and its whole unittest suite run with the
// integration tests switched on. The run fails on any failure, and on any skipped integration test.
const PYTHON = process.env.PYTHON ?? "python3";
const PROVIDER_LOGIN = "py-end-user";

type Run = { code: number | null; output: string };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

let upstream: UpstreamApi | undefined;
let workDir: string | undefined;

test.afterAll(async () => {
  await upstream?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test("the Python SDK, installed in a fresh venv, passes its unit and integration tests against the platform", async ({}, info) => {
  test.setTimeout(120_000);
  const baseURL = info.project.use.baseURL!;
  upstream = await startUpstreamApi({ introspectionUrl: `${OIDC_ISSUER}/token/introspection`, client: OIDC_CLIENT });

  // The app, its provider (its API is the upstream fixture) and an all-scopes key of the owner.
  const owner = await newAccount(baseURL, "python-sdk");
  const appId = ((await (await owner.api.post("/api/v1/apps", { data: { name: "Python SDK app" } })).json()) as { app_id: string }).app_id;
  const registered = await owner.api.post("/api/v1/oauth/authenticators", {
    data: {
      app_id: appId, name: "Gmail", authenticator_type: "custom", ...OIDC_CLIENT, scopes: ["openid", "offline_access"],
      authorize_url: `${OIDC_ISSUER}/auth`, token_url: `${OIDC_ISSUER}/token`,
      configuration: {
        issuer: OIDC_ISSUER, authorization_params: { prompt: "consent" }, revocation_url: `${OIDC_ISSUER}/token/revocation`, api_base_url: upstream.url,
      },
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const authenticatorId = ((await registered.json()) as { authenticator_id: string }).authenticator_id;
  const created = await owner.api.post("/api/v1/api-keys", { data: { name: "python-sdk", scopes: ["*"] } });
  expect(created.status(), await created.text()).toBe(201);
  const key = ((await created.json()) as { key: string }).key;

  // An end user of the app connects over HTTP: connect session → start → provider login → callback.
  const endUserId = `py_${randomUUID().slice(0, 8)}`;
  const backend = await bearer(baseURL, key);
  const minted = await backend.post("/api/v1/connect/sessions", { data: { app_id: appId, end_user: { id: endUserId }, allowed_authenticators: [authenticatorId] } });
  expect(minted.status(), await minted.text()).toBe(201);
  const { token } = (await minted.json()) as { token: string };
  const browser = await newRequest.newContext({ baseURL }); // its own cookie jar keeps the flow's binding cookie
  const start = await browser.get(`/connect/${token}/start/${authenticatorId}`, { maxRedirects: 0 });
  expect(start.status(), await start.text()).toBe(303);
  const callback = await authorizeAtProvider(start.headers()["location"]!, { login: PROVIDER_LOGIN, redirectPrefix: `${baseURL}/auth/callback/` });
  const done = await browser.get(callback.pathname + callback.search, { maxRedirects: 0 });
  expect(done.status()).toBe(303);
  const connections = await (await backend.get(`/api/v1/credentials/connections?app_id=${appId}&end_user_id=${endUserId}`)).json();
  expect(connections.connections).toEqual([expect.objectContaining({ authenticator_id: authenticatorId, status: "active" })]);

  // A fresh venv, the package installed offline without build isolation, the whole suite.
  workDir = await mkdtemp(path.join(tmpdir(), "fw-python-sdk-"));
  const venv = path.join(workDir, "venv");
  const made = await run(PYTHON, ["-m", "venv", venv]);
  expect(made.code, made.output).toBe(0);
  const install = await run(path.join(venv, "bin", "pip"), ["install", "--no-index", "--no-build-isolation", "--disable-pip-version-check", "./lib/sdk/python"]);
  expect(install.code, install.output).toBe(0);
  expect(install.output).toContain("Successfully installed fiberwise-");

  const suite = await run(path.join(venv, "bin", "python"), ["-m", "unittest", "discover", "-s", "lib/sdk/python/tests", "-v"], {
    ...process.env,
    PYTHONDONTWRITEBYTECODE: "1",
    FIBERWISE_URL: baseURL,
    FIBERWISE_API_KEY: key,
    FIBERWISE_TEST_APP_ID: appId,
    FIBERWISE_TEST_AUTHENTICATOR: authenticatorId,
    FIBERWISE_TEST_END_USER_ID: endUserId,
    FIBERWISE_TEST_PROVIDER_SUB: PROVIDER_LOGIN,
  });
  await info.attach("unittest output", { body: suite.output, contentType: "text/plain" });
  expect(suite.code, suite.output).toBe(0);
  const lines = suite.output.split("\n");
  const integration = lines.filter((line) => /\(test_integration\.[\w.]+\) \.\.\. /.test(line));
  expect(integration.filter((line) => !line.endsWith("... ok")), suite.output).toEqual([]);
  expect(integration.length, suite.output).toBeGreaterThanOrEqual(13);
  expect(lines.filter((line) => / \.\.\. skipped/.test(line)), suite.output).toEqual([]);
  // The provider saw the users' tokens and never the platform's API key.
  expect(upstream.requests.length).toBeGreaterThan(20);
  expect(upstream.requests.filter((r) => r.authorization?.includes(key) || JSON.stringify(r.headers).includes(key))).toEqual([]);
});
