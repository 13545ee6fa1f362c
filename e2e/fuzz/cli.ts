// npm run fuzz -- [--runs N] [--seed S] [--concurrency C] [--url http://127.0.0.1:3000]
// The deeper run of the e2e fuzz suite. Without --url it builds if needed and starts the production
// server on a fresh database (e2e/fixtures/serve.ts), fuzzes it and stops it. Exit code 1 on findings.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { discoverRoutes } from "./routes";
import { describeReport, runFuzz } from "./runner";
import { prepareTarget } from "./target";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20000" },
    seed: { type: "string" },
    concurrency: { type: "string", default: "8" },
    url: { type: "string" },
    port: { type: "string", default: process.env.FUZZ_PORT ?? process.env.E2E_PORT ?? "3950" },
    report: { type: "string" },
    "loopback-url": { type: "string" },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("usage: npm run fuzz -- [--runs N] [--seed S] [--concurrency C] [--url URL]");
  process.exit(1);
}

async function waitForHealth(base: string) {
  for (let tries = 0; tries < 300; tries++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not become healthy`);
}

async function main() {
  let base = values.url?.replace(/\/+$/, "");
  let stop = async () => {};
  if (!base) {
    if (!existsSync(".next/fiberwise-server.mjs")) {
      console.log("No production build found; running npm run build…");
      if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
    }
    base = `http://127.0.0.1:${values.port}`;
    const server = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "e2e/fixtures/serve.ts"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, E2E_PORT: values.port, LOG_LEVEL: "fatal" } });
    stop = () => new Promise((resolve) => { server.once("exit", () => resolve()); server.kill("SIGTERM"); });
  }
  try {
    await waitForHealth(base);
    const target = await prepareTarget(base, values["loopback-url"] ?? base);
    const routes = discoverRoutes();
    console.log(`fuzzing ${routes.length} routes (${routes.filter((r) => r.kind === "page").length} pages) on ${base} with seed ${seed}, ${runs} requests`);
    const report = await runFuzz({ baseURL: base, target, routes, runs, seed, concurrency: Number(values.concurrency), onProgress: (n) => process.stdout.write(`  ${n}/${runs}\r`) });
    if (values.report) writeFileSync(values.report, JSON.stringify(report, (_k, v: unknown) => (v instanceof Buffer || (v as { type?: string })?.type === "Buffer" ? "<bytes>" : v), 2));
    console.log(describeReport(report, `npm run fuzz -- --runs ${runs} --seed ${seed}`, [target.apiKey, target.sessionCookie]));
    process.exitCode = report.failures.length ? 1 : 0;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
