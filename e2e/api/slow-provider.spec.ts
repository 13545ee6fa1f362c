import { createServer, type Socket } from "node:net";
import { expect, test } from "@playwright/test";
import { startInstance, type Instance } from "../fixtures/instance";

// Issue 12, finding 1: one provider that never answers must not stall the platform. 12 grants are
// due on a token endpoint that accepts connections and never responds; while their token requests
// hang, the health check and the API's other routes keep answering within a second.
let instance: Instance;
const sockets: Socket[] = [];
const blackHole = createServer((socket) => void sockets.push(socket));

test.beforeAll(async () => {
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
  instance = await startInstance();
});
test.afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  blackHole.close();
  await instance?.stop();
});

test("12 token requests stuck on a silent provider do not slow down /api/health or the other routes", async () => {
  test.setTimeout(90_000);
  const { port } = blackHole.address() as { port: number };
  const seeded = JSON.parse(await instance.script("e2e/fixtures/seed-stalled.ts", [`http://127.0.0.1:${port}/token`, "12"])) as {
    authenticatorId: string; appId: string; keys: string[];
  };
  const started = Date.now();
  const tokens = seeded.keys.map((key) =>
    fetch(`${instance.url}/api/v1/credentials/connections/${seeded.authenticatorId}/token`, { headers: { authorization: `Bearer ${key}` } }).then(
      async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.json(), ms: Date.now() - started }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(sockets.length).toBeGreaterThan(0);
  const timings: Record<string, number> = {};
  const auth = { authorization: `Bearer ${seeded.keys[0]}` };
  for (const [name, path, headers] of [
    ["health", "/api/health", {}],
    ["me", "/api/v1/me", auth],
    ["authenticators", `/api/v1/oauth/authenticators?app_id=${seeded.appId}`, auth],
    ["connections", "/api/v1/credentials/connections", auth],
    ["templates", "/api/v1/oauth/templates?q=google", {}],
  ] as const) {
    for (let round = 0; round < 3; round++) {
      const t = Date.now();
      const response = await fetch(`${instance.url}${path}`, { headers });
      expect(response.status, `${name} answered ${response.status}`).toBe(200);
      timings[name] = Math.max(timings[name] ?? 0, Date.now() - t);
    }
  }
  for (const [name, ms] of Object.entries(timings)) expect(ms, `${name} took ${ms} ms while the provider hung`).toBeLessThan(1000);

  const answers = await Promise.all(tokens);
  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe("provider_unavailable");
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  }
  const slowest = Math.max(...answers.map((a) => a.ms));
  // One provider timeout (10 s), after which the breaker answers the rest at once.
  expect(slowest).toBeLessThan(25_000);
  test.info().annotations.push({ type: "figures", description: `max route latency ${JSON.stringify(timings)} ms; token requests answered 503 within ${slowest} ms; provider connections ${sockets.length}` });
  console.log(`slow provider: route latency while 12 refreshes hang ${JSON.stringify(timings)} ms; 12 token requests → 503 in ≤ ${slowest} ms; ${sockets.length} connections to the provider`);
});
