// npm run bench:proxy — the same GET to a provider API on loopback, straight and through the
// proxy (`npm start`'s server), with autocannon: requests/s, p50 and the proxy's p50 overhead.
// The API checks every bearer token with the authorization server's introspection, as the
// issue's test API does; a second round caches that check per token, so the API answers in
// microseconds and the proxy's own cost shows. Not a test: it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { createApiKey } from "../server/api-keys/create-api-key";
import { parseRegistrationOrThrow } from "../server/authenticators/parse-registration";
import { registerAuthenticator } from "../server/authenticators/register-authenticator";
import { disconnectPrisma, getPrisma } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { pgExecutor } from "../server/db/sql-executor";
import { refreshGrant } from "../server/grants/refresh-grant";
import { createAppWith, createUser, sessionCtx } from "../testing/factories";
import { seedGrants } from "../testing/seed-grants";
import { createTestDatabase, dropTestDatabase, testServerUrl } from "../testing/test-database";
import { BENCH_CLIENT } from "./bench-client";
import { bar, ensureProductionBuild } from "./bench-output";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = (process.env.BENCH_ROUNDS ?? "introspect,cache").split(",");
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = Number(process.env.BENCH_PORT ?? 3910);
const PATH = "/echo/bench?page=1";

type Figures = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function run(title: string, url: string, headers: Record<string, string>, seconds = DURATION, connections = CONNECTIONS): Promise<Figures> {
  process.stdout.write(`▶ ${title}: ${connections} connection${connections === 1 ? "" : "s"}, ${seconds} s\n`);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, r) => (error ? reject(error) : resolve(r)));
    autocannon.track(instance, { renderResultsTable: false, renderLatencyTable: false });
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** A child process that prints one JSON line when ready. */
async function child(script: string, env: Record<string, string>): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const proc = spawn("node", ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env, NODE_ENV: "production" } });
  const line = await new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).once("line", resolve));
  return { proc, info: JSON.parse(line) as Record<string, string> };
}

async function main() {
  ensureProductionBuild();
  process.env.TEST_DATABASE_URL = testServerUrl();
  const db = await createTestDatabase("fw_bench");
  process.env.DATABASE_URL = db.url;
  process.env.FIBERWISE_ENCRYPTION_KEYS = `bench:${randomBytes(32).toString("base64")}`;
  const executor = await pgExecutor(db.url);
  await migrate(executor, { log: () => {} });
  await executor.close();

  console.log("Starting the authorization server and two provider APIs…");
  const provider = await child("lib/bench/bench-provider.ts", {});
  const issuer = provider.info.issuer!;
  const upstreamEnv = { BENCH_INTROSPECTION_URL: `${issuer}/token/introspection`, BENCH_CLIENT_ID: BENCH_CLIENT.client_id, BENCH_CLIENT_SECRET: BENCH_CLIENT.client_secret };
  const introspecting = await child("lib/bench/bench-upstream.ts", { ...upstreamEnv, BENCH_INTROSPECTION_CACHE_MS: "0" });
  const caching = await child("lib/bench/bench-upstream.ts", { ...upstreamEnv, BENCH_INTROSPECTION_CACHE_MS: "600000" });
  let server: ChildProcess | undefined;
  try {
    console.log("Seeding one connected user and their API key, starting the server…");
    // One connected member of an app whose authenticator's API is the upstream, and their key.
    const owner = await createUser("bench-owner");
    const appId = await createAppWith([{ userId: owner.id, role: "owner" }]);
    const { authenticator_id: authenticatorId } = await registerAuthenticator({
      ctx: sessionCtx(owner),
      input: parseRegistrationOrThrow({
        app_id: appId, name: "Bench API", authenticator_type: "custom", ...BENCH_CLIENT, scopes: ["offline_access", "read"],
        authorize_url: `${issuer}/auth`, token_url: `${issuer}/token`, configuration: { api_base_url: introspecting.info.url },
      }),
    });
    const [grant] = await seedGrants({
      appId, authenticatorId, count: 1, expiresInMs: -1000,
      refreshToken: async () => ((await (await fetch(`${provider.info.control}/__mint?count=1`)).json()) as string[])[0]!,
    });
    await refreshGrant(grant!.grantId, { force: true }); // a real access token from the provider
    const member = await getPrisma().user.findUniqueOrThrow({ where: { id: grant!.userId } });
    const { key } = await createApiKey({ ctx: sessionCtx({ ...member, email: member.email ?? "" }), input: { name: "bench", app_id: appId, scopes: ["proxy", "tokens:read"] } });
    await getPrisma().$executeRawUnsafe("ANALYZE");
    await disconnectPrisma();

    // BENCH_PROFILE=dir writes a CPU profile of the server (open it in Chrome's DevTools).
    const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    server = spawn("node", [...profile, ".next/fiberwise-server.mjs"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env, NODE_ENV: "production", PORT: String(PORT), HOSTNAME: "127.0.0.1", NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        APP_URL: `http://127.0.0.1:${PORT}`, REFRESH_SWEEP: "off", WEBHOOK_WORKER: "off", LOG_LEVEL: "warn", OAUTH_ALLOW_LOOPBACK_PROVIDERS: "true",
        RATE_LIMIT_API_KEY_REQUESTS: "100000000/60s",
      },
    });
    const base = `http://127.0.0.1:${PORT}`;
    for (let tries = 0; !(await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)); tries++) {
      if (tries > 150) throw new Error("the server did not come up");
      await new Promise((r) => setTimeout(r, 200));
    }
    const auth = { authorization: `Bearer ${key}` };
    const { access_token: token } = (await (await fetch(`${base}/api/v1/credentials/connections/${authenticatorId}/token`, { headers: auth })).json()) as { access_token: string };
    const proxyUrl = `${base}/api/v1/proxy/${authenticatorId}${PATH}`;
    const check = await fetch(proxyUrl, { headers: auth });
    if (check.status !== 200) throw new Error(`the proxy answered ${check.status}: ${await check.text()}`);

    const rounds: Array<{ name: string; direct: Figures; proxied: Figures; directAlone: Figures; proxiedAlone: Figures }> = [];
    const all = [["introspect", "API introspects every token", introspecting], ["cache", "API caches its introspection", caching]] as const;
    for (const [, name, upstream] of all.filter(([id]) => ROUNDS.includes(id))) {
      const conn = await pgExecutor(db.url);
      await conn.query(`UPDATE oauth_authenticators SET configuration = jsonb_set(configuration, '{api_base_url}', to_jsonb($1::text)) WHERE authenticator_id = $2`, [upstream.info.url, authenticatorId]);
      await conn.close();
      console.log(`\n— ${name}`);
      const directUrl = `${upstream.info.url}${PATH}`;
      await run("warm-up (direct)", directUrl, { authorization: `Bearer ${token}` }, 3);
      await run("warm-up (proxy)", proxyUrl, auth, 3);
      const direct = await run("direct GET", directUrl, { authorization: `Bearer ${token}` });
      const proxied = await run("through the proxy", proxyUrl, auth);
      // At full load p50 is mostly queueing (32 connections ÷ throughput). The time the proxy adds to
      // one request shows with one connection: the mean latency is 1000 / req/s (autocannon's own
      // percentiles are whole milliseconds, too coarse here).
      const directAlone = await run("direct GET, one at a time", directUrl, { authorization: `Bearer ${token}` }, Math.min(DURATION, 5), 1);
      const proxiedAlone = await run("through the proxy, one at a time", proxyUrl, auth, Math.min(DURATION, 5), 1);
      rounds.push({ name, direct, proxied, directAlone, proxiedAlone });
    }

    console.log("\n                                        req/s     p50     p99   errors/non-2xx");
    for (const r of rounds) {
      console.log(r.name);
      for (const [label, f] of [["  direct", r.direct], ["  proxy", r.proxied], ["  direct, one connection", r.directAlone], ["  proxy, one connection", r.proxiedAlone]] as const) {
        console.log(`${label.padEnd(36)} ${f.rps.toFixed(0).padStart(9)} ${`${f.p50} ms`.padStart(7)} ${`${f.p99} ms`.padStart(7)}   ${f.errors}/${f.non2xx}`);
      }
    }
    const max = Math.max(...rounds.flatMap((r) => [r.direct.rps, r.proxied.rps]));
    console.log();
    for (const r of rounds) {
      console.log(`${r.name}\n  direct ${bar(r.direct.rps, max)} ${r.direct.rps.toFixed(0)}\n  proxy  ${bar(r.proxied.rps, max)} ${r.proxied.rps.toFixed(0)}`);
    }
    console.log();
    for (const r of rounds) {
      const ratio = r.proxied.rps / r.direct.rps;
      const overhead = 1000 / r.proxiedAlone.rps - 1000 / r.directAlone.rps;
      console.log(
        `${r.name}: ratio ${ratio.toFixed(2)} of direct (target ≥ 0.60) ${ratio >= 0.6 ? "✔" : "✖"}; ` +
          `latency added ${overhead.toFixed(2)} ms a request (target < 3 ms) ${overhead < 3 ? "✔" : "✖"}; p50 at full load ${r.direct.p50} → ${r.proxied.p50} ms`,
      );
    }
  } finally {
    server?.kill("SIGTERM");
    for (const p of [provider.proc, introspecting.proc, caching.proc]) p.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await dropTestDatabase(db.name);
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
