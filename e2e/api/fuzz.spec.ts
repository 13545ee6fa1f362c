import { expect, test } from "@playwright/test";
import { OIDC_ISSUER } from "../fixtures/env";
import { discoverRoutes } from "../fuzz/routes";
import { describeReport, runFuzz } from "../fuzz/runner";
import { prepareTarget } from "../fuzz/target";

// Property: no request to any route or page — hostile bodies, queries, path bytes and headers, sent
// anonymously, with junk credentials, or as a real user and API key — is answered with a 5xx (or
// not at all), and every /api/v1 error is in the envelope. The routes are read from app/ on every
// run. A fixed seed makes a failure reproducible; FUZZ_SEED / FUZZ_RUNS change it.
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);

test("fuzz: every route and page answers hostile input without a 5xx", async ({}, info) => {
  test.setTimeout(180_000);
  const baseURL = info.project.use.baseURL!;
  const routes = discoverRoutes();
  expect(routes.filter((r) => r.kind === "api").length).toBeGreaterThanOrEqual(20);
  expect(routes.filter((r) => r.kind === "page").length).toBeGreaterThanOrEqual(8);

  const target = await prepareTarget(baseURL, OIDC_ISSUER);
  const started = Date.now();
  const report = await runFuzz({ baseURL, target, routes, runs: RUNS, seed: SEED, onProgress: (n) => console.log(`fuzz: ${n}/${RUNS} after ${((Date.now() - started) / 1000).toFixed(0)} s`) });
  const summary = describeReport(report, `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx playwright test e2e/api/fuzz.spec.ts, or npm run fuzz -- --runs ${RUNS} --seed ${SEED}`, [target.apiKey, target.sessionCookie]);
  console.log(summary);

  expect(report.failures, summary).toEqual([]);
  expect(report.sent).toBe(RUNS);
  // Every route method was fuzzed, and a good share of API requests got past authentication.
  for (const route of routes) for (const method of route.methods) expect(report.byRoute[`${method} ${route.pattern}`] ?? 0, `${method} ${route.pattern}`).toBeGreaterThan(0);
  expect(report.pastAuth / report.byKind.api).toBeGreaterThan(0.3);
  expect(report.statuses["200"] ?? 0).toBeGreaterThan(RUNS / 20);
});
