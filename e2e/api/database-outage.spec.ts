import { createServer, connect, type Server, type Socket } from "node:net";
import { expect, test } from "@playwright/test";
import { newAccount } from "../fixtures/accounts";
import { startInstance, type Instance } from "../fixtures/instance";

// Issue 12, finding 13: a dropped database connection must answer 503 (with Retry-After), not 500,
// leave the process running, and log through pino only (no raw dumps of pool objects). The
// instance reaches PostgreSQL through a loopback TCP proxy this spec can cut and restore.
let instance: Instance;
let proxy: Server;
let cut = false;
const open = new Set<Socket>();

test.beforeAll(async () => {
  proxy = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = connect(5432, "127.0.0.1");
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as { port: number };
  instance = await startInstance({ databaseUrl: (direct) => direct.replace(/@127\.0\.0\.1:5432\//, `@127.0.0.1:${port}/`).replace(/@localhost:5432\//, `@127.0.0.1:${port}/`) });
});
test.afterAll(async () => {
  cut = true;
  for (const socket of open) socket.destroy();
  proxy?.close();
  await instance?.stop();
});

test("the database going away answers 503 database_unavailable, keeps the server up, logs JSON only, and recovers", async () => {
  test.setTimeout(90_000);
  const { api } = await newAccount(instance.url, "outage");
  const key = (await (await api.post("/api/v1/api-keys", { data: { name: "outage" } })).json()).key as string;
  const get = (path: string) => fetch(`${instance.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect((await get("/api/v1/me")).status).toBe(200);

  const before = instance.lines.length;
  cut = true;
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const path of ["/api/v1/me", "/api/v1/apps", "/api/v1/credentials/connections", "/api/v1/credentials/connections/any/token"]) {
    const response = await get(path);
    const body = await response.json();
    expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(503);
    expect(body.error.code).toBe("database_unavailable");
    expect(response.headers.get("retry-after")).toBe("5");
  }
  const health = await fetch(`${instance.url}/api/health`);
  expect(health.status).toBe(503);
  expect(instance.child.exitCode).toBeNull();

  cut = false;
  await expect.poll(async () => (await get("/api/v1/me")).status, { timeout: 20_000 }).toBe(200);
  expect((await fetch(`${instance.url}/api/health`)).status).toBe(200);

  const during = instance.lines.slice(before);
  expect(during.length).toBeGreaterThan(0);
  for (const line of during) {
    expect(() => JSON.parse(line), `not a pino line: ${line.slice(0, 200)}`).not.toThrow();
    expect(line).not.toMatch(/uncaughtException|BoundPool|_clients|PGPASSWORD/);
  }
  expect(during.some((line) => JSON.parse(line).msg === "database unavailable")).toBe(true);
});
