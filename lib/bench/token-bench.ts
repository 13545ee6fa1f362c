// npm run bench:token — how fast GET /api/v1/credentials/connections/{id}/token serves valid
// tokens, against a bare node:http floor doing the same read and decrypt. Not a test: it prints.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { disconnectPrisma, getPrisma } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { pgExecutor } from "../server/db/sql-executor";
import { createTestDatabase, dropTestDatabase, testServerUrl } from "../testing/test-database";
import { startBaseline } from "./baseline-server";
import { seedConnections } from "./seed-connections";
import { bar, ensureProductionBuild } from "./bench-output";

const USERS = Number(process.env.BENCH_USERS ?? 1000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = Number(process.env.BENCH_PORT ?? 3900);

type Figures = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function run(title: string, url: string, path: (i: number) => string, headers: (i: number) => Record<string, string>): Promise<Figures> {
  let i = 0;
  process.stdout.write(`\n▶ ${title}: ${CONNECTIONS} connections, ${DURATION} s\n`);
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ setupRequest: (req) => { const n = i++ % USERS; return { ...req, path: path(n), headers: { ...req.headers, ...headers(n) } }; } }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  autocannon.track(instance, { renderResultsTable: false, renderLatencyTable: false });
  const result = await done;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function main() {
  ensureProductionBuild();
  // The server to create (and later drop) the benchmark database on, fixed before DATABASE_URL changes.
  process.env.TEST_DATABASE_URL = testServerUrl();
  const db = await createTestDatabase("fw_bench");
  const key = `bench:${randomBytes(32).toString("base64")}`;
  process.env.DATABASE_URL = db.url;
  process.env.FIBERWISE_ENCRYPTION_KEYS = key;
  const executor = await pgExecutor(db.url);
  await migrate(executor, { log: () => {} });
  await executor.close();
  console.log(`Seeding ${USERS} connected users…`);
  const seeded = await seedConnections(USERS);
  // Planner statistics, as autovacuum keeps them on a live database (a freshly seeded one has none).
  await getPrisma().$executeRawUnsafe("ANALYZE");
  await disconnectPrisma();

  // The production server exactly as `npm start` runs it.
  const server = spawn("node", [".next/fiberwise-server.mjs"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), HOSTNAME: "127.0.0.1", NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), APP_URL: `http://127.0.0.1:${PORT}`, REFRESH_SWEEP: "off", LOG_LEVEL: "warn",
      // One backend key asks for every end user's token: lift its per-key limit above the load.
      RATE_LIMIT_API_KEY_REQUESTS: "100000000/60s" },
  });
  const baseline = await startBaseline(db.url, seeded.authenticatorId);
  try {
    for (let tries = 0; ; tries++) {
      const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      if (tries > 100) throw new Error("the server did not come up");
      await new Promise((r) => setTimeout(r, 200));
    }
    const tokenPath = () => `/api/v1/credentials/connections/${seeded.authenticatorId}/token`;
    // Warm up both (JIT, connection pools), then measure.
    await run("warm-up", `http://127.0.0.1:${PORT}`, tokenPath, (n) => ({ authorization: `Bearer ${seeded.users[n]!.apiKey}` })).catch(() => undefined);
    const product = await run("FiberWise GET …/token", `http://127.0.0.1:${PORT}`, tokenPath, (n) => ({ authorization: `Bearer ${seeded.users[n]!.apiKey}` }));
    // An app's backend asking for its end users' tokens by its own ids, with one key.
    const endUserPath = (n: number) => `${tokenPath()}?end_user_id=${encodeURIComponent(seeded.endUsers.ids[n]!)}`;
    const endUserAuth = () => ({ authorization: `Bearer ${seeded.endUsers.apiKey}` });
    await run("warm-up (end users)", `http://127.0.0.1:${PORT}`, endUserPath, endUserAuth).catch(() => undefined);
    const byEndUser = await run("FiberWise GET …/token?end_user_id=", `http://127.0.0.1:${PORT}`, endUserPath, endUserAuth);
    const floor = await run("baseline node:http", baseline.url, (n) => `/token?user_id=${seeded.users[n]!.userId}`, () => ({}));

    const max = Math.max(product.rps, byEndUser.rps, floor.rps);
    console.log("\n                      req/s     p50     p99   errors/non-2xx");
    for (const [name, f] of [["members", product], ["end users", byEndUser], ["baseline", floor]] as const) {
      console.log(`${name.padEnd(12)} ${f.rps.toFixed(0).padStart(9)} ${`${f.p50} ms`.padStart(7)} ${`${f.p99} ms`.padStart(7)}   ${f.errors}/${f.non2xx}`);
    }
    console.log(`\nreq/s  members   ${bar(product.rps, max)} ${product.rps.toFixed(0)}`);
    console.log(`       end users ${bar(byEndUser.rps, max)} ${byEndUser.rps.toFixed(0)}`);
    console.log(`       baseline  ${bar(floor.rps, max)} ${floor.rps.toFixed(0)}`);
    console.log(`end_user_id requests: ratio ${(byEndUser.rps / floor.rps).toFixed(2)} of baseline, p99 ${byEndUser.p99} ms`);
    const ratio = product.rps / floor.rps;
    console.log(`\nratio ${ratio.toFixed(2)} of baseline (target ≥ 0.50) ${ratio >= 0.5 ? "✔" : "✖"}; p99 ${product.p99} ms (target < 50 ms) ${product.p99 < 50 ? "✔" : "✖"}`);
  } finally {
    server.kill("SIGTERM");
    await baseline.close();
    await new Promise((r) => setTimeout(r, 500));
    await dropTestDatabase(db.name);
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
