import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bearer } from "../fixtures/accounts";
import { agentWorld, connectEndUser } from "../fixtures/agents";

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

let world: Awaited<ReturnType<typeof agentWorld>> | undefined;
let workDir: string | undefined;

test.afterAll(async () => {
  await world?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test("the Python SDK, installed in a fresh venv, passes its unit and integration tests against the platform", async ({}, info) => {
  test.setTimeout(120_000);
  const baseURL = info.project.use.baseURL!;
  // The app, its provider (its API is the upstream fixture), an all-scopes key of the owner, and an
  // end user of the app connected over HTTP (connect session → start → provider login → callback).
  world = await agentWorld(baseURL, "python-sdk");
  const { appId, authenticatorId, key, upstream } = world;
  const endUserId = `py_${randomUUID().slice(0, 8)}`;
  await connectEndUser(baseURL, key, authenticatorId, endUserId, PROVIDER_LOGIN);
  const connections = await (await (await bearer(baseURL, key)).get(`/api/v1/credentials/connections?app_id=${appId}&end_user_id=${endUserId}`)).json();
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
