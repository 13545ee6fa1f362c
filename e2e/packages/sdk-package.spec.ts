import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { bearer } from "../fixtures/accounts";
import { agentWorld, connectEndUser } from "../fixtures/agents";
import { freePort } from "../fixtures/instance";
import { packageSandbox, packOnce, REPO, shown, VERSION, type Env, type PackageSandbox, type Run } from "../fixtures/packages";
import { loginAndConsent } from "../fixtures/provider-login";

// The `fiberwise` npm package as a developer gets it: the tarball of `npm run pack` installed with
// `npm install --offline` into a new project outside the repository, then used the four ways its
// README shows: an ES module and a CommonJS script against the e2e server (a connected end user, a
// provider API on loopback), TypeScript checking against its declarations, and a page bundled from
// the project (the "browser" entry) connecting an end user in a real browser.

test.describe.configure({ mode: "serial" });

const PROVIDER_LOGIN = "pkg-end-user";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let box: PackageSandbox;
let project = "";
let world: Awaited<ReturnType<typeof agentWorld>>;
let baseURL = "";
let endUserId = "";

const inProject = (args: string[], env: Env = {}) => box.run(process.execPath, args, { cwd: project, env });
async function expectOk(label: string, pending: Promise<Run>): Promise<Run> {
  const result = await pending;
  expect(result.code, shown(label, result)).toBe(0);
  return result;
}
const scriptEnv = () => ({ FW_URL: baseURL, FW_KEY: world.key, FW_APP: world.appId, FW_AUTHENTICATOR: world.authenticatorId, FW_END_USER: endUserId, FW_UPSTREAM: world.upstream.url });

test.beforeAll(async ({}, info) => {
  test.setTimeout(180_000);
  baseURL = info.project.use.baseURL!;
  await packOnce();
  box = await packageSandbox("sdk-package");
  world = await agentWorld(baseURL, "sdk-package");
  endUserId = `pkg_${randomUUID().slice(0, 8)}`;
  await connectEndUser(baseURL, world.key, world.authenticatorId, endUserId, PROVIDER_LOGIN);
});
test.afterAll(async () => {
  await world?.close();
  await box?.cleanup();
});

test("npm install of the tarball into a new project works offline: no dependencies, ESM, CJS and declarations, no zod", async () => {
  const tarball = await box.bring((await packOnce()).sdk);
  expect(path.basename(tarball)).toBe(`fiberwise-${VERSION}.tgz`);
  project = path.dirname(await box.write("app/package.json", JSON.stringify({ name: "my-agent", private: true, version: "1.0.0" })));
  const install = await box.run("npm", ["install", "--offline", tarball], { cwd: project });
  expect(install.code, shown("npm install", install)).toBe(0);
  expect(install.stdout).toContain("added 1 package");

  const installed = path.join(project, "node_modules", "fiberwise");
  expect((await readdir(path.join(project, "node_modules"))).filter((name) => !name.startsWith("."))).toEqual(["fiberwise"]);
  const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as Record<string, unknown>;
  expect(manifest).toMatchObject({ name: "fiberwise", version: VERSION, license: "Apache-2.0", sideEffects: false, type: "module" });
  expect(manifest.dependencies).toBeUndefined();
  expect(Object.keys(manifest.exports as object)).toEqual([".", "./server", "./package.json"]);
  const files = (await readdir(path.join(installed, "dist"))).sort();
  expect(files).toEqual(["errors.cjs", "errors.js", "index.cjs", "index.d.cts", "index.d.ts", "index.js", "server.cjs", "server.d.cts", "server.d.ts", "server.js"]);
  for (const file of files) {
    const text = await readFile(path.join(installed, "dist", file), "utf8");
    expect(text, file).not.toMatch(/\bzod\b|server-only|@\/lib|from "\.\.\//);
    expect(text, file).not.toContain(REPO);
  }
});

test("ESM: import FiberWise from \"fiberwise\" and createFiberWiseServer from \"fiberwise/server\": a token, the proxy, FiberWiseError", async () => {
  await box.write("app/agent.mjs", `
import { createHash } from "node:crypto";
import FiberWise, { FiberWiseError } from "fiberwise";
import { createFiberWiseServer, FiberWiseError as ServerError } from "fiberwise/server";

const env = process.env;
const fiber = createFiberWiseServer({ baseUrl: env.FW_URL, apiKey: env.FW_KEY });
const token = await fiber.getAccessToken({ authenticator: env.FW_AUTHENTICATOR, endUserId: env.FW_END_USER });
const proxied = await fiber.proxy({ authenticator: env.FW_AUTHENTICATOR, endUserId: env.FW_END_USER, path: "/echo/from-esm", query: { page: 2 } });
let refusal = null;
try {
  await fiber.proxy({ authenticator: env.FW_AUTHENTICATOR, endUserId: "never-connected", path: "/echo/x" });
} catch (error) {
  refusal = { browserClass: error instanceof FiberWiseError, serverClass: error instanceof ServerError, status: error.status, code: error.code, connectUrl: error.connectUrl };
}
console.log(JSON.stringify({
  browserEntry: typeof FiberWise,
  token: { type: token.token_type, sha256: createHash("sha256").update(token.access_token).digest("hex"), scopes: token.scopes },
  proxied: { status: proxied.status, marked: proxied.headers.get("fiberwise-proxied"), body: await proxied.json() },
  refusal,
}));
`);
  const result = await expectOk("node agent.mjs", inProject(["agent.mjs"], scriptEnv()));
  const out = JSON.parse(result.stdout) as {
    browserEntry: string;
    token: { type: string; sha256: string; scopes: string[] };
    proxied: { status: number; marked: string; body: { method: string; path: string; query: string; sub: string } };
    refusal: { browserClass: boolean; serverClass: boolean; status: number; code: string; connectUrl: string };
  };
  expect(out.browserEntry).toBe("function");
  expect(out.token.type).toBe("Bearer");
  expect(out.token.scopes).toEqual(expect.arrayContaining(["read"]));
  // The token the script got is the one the provider API accepted for this end user through the proxy.
  const seen = world.upstream.requests.filter((r) => r.path === "/echo/from-esm?page=2");
  expect(seen.map((r) => sha256(r.authorization?.replace(/^Bearer /, "") ?? ""))).toEqual([out.token.sha256]);
  expect(out.proxied).toEqual({ status: 200, marked: "true", body: expect.objectContaining({ method: "GET", path: "/echo/from-esm", query: "?page=2", sub: PROVIDER_LOGIN }) });
  // One FiberWiseError class for both entries; the platform's refusal carries where to connect.
  expect(out.refusal).toMatchObject({ browserClass: true, serverClass: true, status: 404, code: "connection_not_found" });
  expect(out.refusal.connectUrl).toMatch(new RegExp(`^${baseURL}/connect/fw_cs_`));
  expect(result.stdout + result.stderr).not.toContain(world.key);
});

test("CommonJS: require(\"fiberwise/server\"): authorizedFetch to the provider, a connect session, errors", async () => {
  await box.write("app/agent.cjs", `
const { createFiberWiseServer, FiberWiseError } = require("fiberwise/server");
const sdk = require("fiberwise");

async function main() {
  const env = process.env;
  const fiber = createFiberWiseServer({ baseUrl: env.FW_URL + "/api/v1/", apiKey: env.FW_KEY });
  const response = await fiber.authorizedFetch(env.FW_UPSTREAM + "/echo/from-cjs", { authenticator: env.FW_AUTHENTICATOR, endUserId: env.FW_END_USER, appId: env.FW_APP });
  const session = await fiber.createConnectSession({ endUser: { id: "cjs-new-user", email: "new@customer.test" }, allowedAuthenticators: [env.FW_AUTHENTICATOR] });
  let missing = null;
  try {
    await fiber.getAccessToken({ authenticator: "no-such-authenticator", endUserId: env.FW_END_USER });
  } catch (error) {
    missing = { serverClass: error instanceof FiberWiseError, browserClass: error instanceof sdk.FiberWiseError, status: error.status, code: error.code };
  }
  console.log(JSON.stringify({
    browserEntry: typeof sdk.default,
    fetched: { status: response.status, body: await response.json() },
    session: { connect_url: session.connect_url, end_user_id: session.end_user_id, allowed_authenticators: session.allowed_authenticators },
    missing,
  }));
}
main().catch((error) => { console.error(error); process.exit(1); });
`);
  const result = await expectOk("node agent.cjs", inProject(["agent.cjs"], scriptEnv()));
  const out = JSON.parse(result.stdout) as {
    browserEntry: string;
    fetched: { status: number; body: { path: string; sub: string } };
    session: { connect_url: string; end_user_id: string; allowed_authenticators: string[] };
    missing: { serverClass: boolean; browserClass: boolean; status: number; code: string };
  };
  expect(out.browserEntry).toBe("function");
  expect(out.fetched).toEqual({ status: 200, body: expect.objectContaining({ path: "/echo/from-cjs", sub: PROVIDER_LOGIN }) });
  expect(out.session).toEqual({ connect_url: expect.stringMatching(new RegExp(`^${baseURL}/connect/fw_cs_`)), end_user_id: "cjs-new-user", allowed_authenticators: [world.authenticatorId] });
  expect(out.missing).toMatchObject({ serverClass: true, browserClass: true, status: 404 });
  expect(out.missing.code).toMatch(/not_found/);
});

test("TypeScript: tsc --noEmit against the package's declarations, ESM and CommonJS (nodenext) and a bundler project", async () => {
  test.setTimeout(120_000);
  const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
  // Every @ts-expect-error must meet an error: declarations that resolved to `any` would fail the check.
  const serverUse = `
const fiber = createFiberWiseServer({ baseUrl: "https://fiberwise.example.com", apiKey: "fw_live_example" });
const token: Promise<AccessToken> = fiber.getAccessToken({ authenticator: "google", endUserId: "u_123" });
const response: Promise<Response> = fiber.proxy({ authenticator: "google", endUserId: "u_123", path: "/gmail/v1/users/me/messages", query: { maxResults: 10 } });
const request: ProxyRequest = { authenticator: "github", path: "/user", method: "POST", json: { a: 1 }, retries: 2 };
const session: Promise<CreatedConnectSession> = fiber.createConnectSession({ endUser: { id: "u_123" }, allowedOrigins: ["https://app.example.com"] });
// @ts-expect-error the authenticator is required
void fiber.getAccessToken({ endUserId: "u_123" });
// @ts-expect-error the proxy's methods are a fixed list
const wrong: ProxyRequest = { authenticator: "github", path: "/user", method: "FETCH" };
const error = new FiberWiseError(404, "connection_not_found", "Not connected", [], "https://fiberwise.example.com/connect/fw_cs_x");
const where: string | undefined = error.connectUrl;
export { token, response, request, session, wrong, where };
`;
  const browserUse = `
const inPage = new FiberWise({ baseUrl: "https://fiberwise.example.com/api/v1", appId: "email-assistant", sessionToken: "fw_cs_example" });
const listed: Promise<Authenticator[]> = inPage.credentials.listAuthenticators();
const connected: Promise<boolean> = inPage.credentials.isConnected("google");
// @ts-expect-error appId is required
new FiberWise({ baseUrl: "https://fiberwise.example.com" });
export { listed, connected };
`;
  await box.write("app/check-esm.mts", `import FiberWise, { type Authenticator } from "fiberwise";
import { createFiberWiseServer, FiberWiseError, type AccessToken, type CreatedConnectSession, type ProxyRequest } from "fiberwise/server";
${serverUse}${browserUse.replace("export { listed, connected };", "export { listed as listedEsm, connected as connectedEsm };")}`);
  await box.write("app/check-cjs.cts", `import server = require("fiberwise/server");
import sdk = require("fiberwise");
const { createFiberWiseServer, FiberWiseError } = server;
type AccessToken = server.AccessToken;
type ProxyRequest = server.ProxyRequest;
type CreatedConnectSession = server.CreatedConnectSession;
type Authenticator = sdk.Authenticator;
const FiberWise = sdk.default;
${serverUse}${browserUse.replace("export { listed, connected };", "export { listed as listedCjs, connected as connectedCjs };")}`);
  await box.write("app/check-bundler.ts", `import FiberWise, { type Authenticator } from "fiberwise";
import { createFiberWiseServer, FiberWiseError, type AccessToken, type CreatedConnectSession, type ProxyRequest } from "fiberwise/server";
${serverUse}${browserUse}`);
  const base = { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022" };
  // A Node project: no DOM, @types/node (the repository's copy stands for the developer's).
  await box.write("app/tsconfig.node.json", JSON.stringify({
    compilerOptions: { ...base, module: "nodenext", moduleResolution: "nodenext", lib: ["ES2022"], types: ["node"], typeRoots: [path.join(REPO, "node_modules", "@types")] },
    files: ["check-esm.mts", "check-cjs.cts"],
  }));
  // A frontend project: a bundler, the DOM, no Node types.
  await box.write("app/tsconfig.bundler.json", JSON.stringify({
    compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], types: [] },
    files: ["check-bundler.ts"],
  }));
  // --listFiles: the declarations each project really read (import → .d.ts, require → .d.cts).
  const [node, bundler] = await Promise.all([
    expectOk("tsc -p tsconfig.node.json", inProject([tsc, "-p", "tsconfig.node.json", "--listFiles"])),
    expectOk("tsc -p tsconfig.bundler.json", inProject([tsc, "-p", "tsconfig.bundler.json", "--listFiles"])),
  ]);
  const read = (run: Run) => run.stdout.split("\n").flatMap((line) => /node_modules\/fiberwise\/(.+)$/.exec(line.trim())?.[1] ?? []).sort();
  expect(read(node)).toEqual(["dist/index.d.cts", "dist/index.d.ts", "dist/server.d.cts", "dist/server.d.ts"]);
  expect(read(bundler)).toEqual(["dist/index.d.ts", "dist/server.d.ts"]);

  // The same code with a mistake the declarations must catch.
  await box.write("app/check-mistake.mts", `import { createFiberWiseServer } from "fiberwise/server";
createFiberWiseServer({ baseUrl: "https://fiberwise.example.com" });
`);
  const mistake = await inProject([tsc, "--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node", "--typeRoots", path.join(REPO, "node_modules", "@types"), "check-mistake.mts"]);
  expect(mistake.code).not.toBe(0);
  expect(mistake.stdout).toContain("Property 'apiKey' is missing");
});

test("browser: a page bundled from the project imports \"fiberwise\" and connects an end user in a popup", async ({ page }) => {
  // The developer's bundler (esbuild here) resolves "fiberwise" through the package's exports map with
  // the browser condition.
  await box.write("app/web/app.js", `import FiberWise, { FiberWiseError } from "fiberwise";
window.startConnect = ({ baseUrl, appId, sessionToken, authenticator }) => {
  const fiber = new FiberWise({ baseUrl, appId, sessionToken });
  document.getElementById("connect").onclick = () => {
    window.result = fiber.credentials.connectAuthenticator(authenticator, { popup: true })
      .then(async (r) => ({ ...r, connected: await fiber.credentials.isConnected(authenticator), listed: (await fiber.credentials.listAuthenticators()).map((a) => a.authenticator_id) }),
            (e) => ({ error: e.code, isFiberWiseError: e instanceof FiberWiseError }));
  };
};
window.sdkReady = true;
`);
  const esbuild = path.join(REPO, "node_modules", "esbuild", "bin", "esbuild");
  const bundled = await expectOk("esbuild", inProject([esbuild, "web/app.js", "--bundle", "--format=esm", "--platform=browser", "--outfile=web/dist/app.js", "--metafile=web/dist/meta.json"]));
  const meta = JSON.parse(await readFile(path.join(project, "web/dist/meta.json"), "utf8")) as { inputs: Record<string, unknown> };
  expect(Object.keys(meta.inputs).sort(), bundled.stderr).toEqual(["node_modules/fiberwise/dist/errors.js", "node_modules/fiberwise/dist/index.js", "web/app.js"]);
  const script = await readFile(path.join(project, "web/dist/app.js"), "utf8");

  // The app's page on its own origin (127.0.0.2 is loopback too, and not the platform's origin).
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    if (req.url === "/app.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><title>My app</title><button id="connect">Connect</button><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.2", resolve));
  const origin = `http://127.0.0.2:${port}`;
  try {
    const backend = await bearer(baseURL, world.key);
    const browserUser = `pkg_web_${randomUUID().slice(0, 8)}`;
    const minted = await backend.post("/api/v1/connect/sessions", { data: { end_user: { id: browserUser }, allowed_authenticators: [world.authenticatorId], allowed_origins: [origin] } });
    expect(minted.status(), await minted.text()).toBe(201);
    const { token } = (await minted.json()) as { token: string };

    await page.goto(origin);
    await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true);
    await page.evaluate((options) => (window as unknown as { startConnect: (o: object) => void }).startConnect(options), {
      baseUrl: `${baseURL}/api/v1`, appId: world.appId, sessionToken: token, authenticator: world.authenticatorId,
    });
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#connect")]);
    await loginAndConsent(popup, "pkg-browser-user");
    await popup.waitForEvent("close");
    expect(await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result)).toEqual({
      authenticatorId: world.authenticatorId, status: "success", connected: true, listed: [world.authenticatorId],
    });
    const connections = (await (await backend.get(`/api/v1/credentials/connections?app_id=${world.appId}&end_user_id=${browserUser}`)).json()) as { connections: Array<Record<string, unknown>> };
    expect(connections.connections).toEqual([expect.objectContaining({ authenticator_id: world.authenticatorId, status: "active" })]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
