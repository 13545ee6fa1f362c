// npm run bench:sweep — how fast the background sweep refreshes due grants, against the provider's
// own refresh capacity measured in the same run (the same concurrency, straight at its token
// endpoint). Then the same with two worker processes at once: each grant must be refreshed exactly
// once. Not a test: it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import cliProgress from "cli-progress";
import { encryptSecret } from "../server/crypto/encryption";
import { disconnectPrisma, getPrisma } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { pgExecutor } from "../server/db/sql-executor";
import { providerConcurrency } from "../server/grants/provider-guard";
import { sweepExpiringGrants } from "../server/jobs/refresh-sweep";
import { seedGrants } from "../testing/seed-grants";
import { createTestDatabase, dropTestDatabase, testServerUrl } from "../testing/test-database";
import { BENCH_CLIENT } from "./bench-client";

const GRANTS = Number(process.env.BENCH_GRANTS ?? 5000);
const BASELINE = Number(process.env.BENCH_BASELINE_REFRESHES ?? 1500);
const CONCURRENCY = providerConcurrency();

type Provider = { issuer: string; control: string; child: ChildProcess };

async function startProvider(): Promise<Provider> {
  const child = spawn("node", ["--import", "tsx", "lib/bench/bench-provider.ts"], { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, NODE_ENV: "production" } });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { ...(JSON.parse(line) as { issuer: string; control: string }), child };
}

async function mint(provider: Provider, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let done = 0; done < count; done += 500) {
    const n = Math.min(500, count - done);
    out.push(...((await (await fetch(`${provider.control}/__mint?count=${n}`, { method: "POST" })).json()) as string[]));
  }
  return out;
}

const tokenCalls = async (provider: Provider) => ((await (await fetch(`${provider.control}/__counts`)).json()) as Record<string, number>)["/token"] ?? 0;

/** The provider's own capacity: refresh_token grants straight at its token endpoint, CONCURRENCY at a time. */
async function providerCapacity(provider: Provider, tokens: string[]): Promise<number> {
  const queue = [...tokens];
  const started = Date.now();
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let token = queue.shift(); token; token = queue.shift()) {
        const response = await fetch(`${provider.issuer}/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token, ...BENCH_CLIENT }),
        });
        await response.arrayBuffer();
        if (!response.ok) failures++;
      }
    }),
  );
  if (failures) throw new Error(`${failures} baseline refreshes failed`);
  return tokens.length / ((Date.now() - started) / 1000);
}

async function seed(provider: Provider, appId: string, authenticatorId: string, count: number) {
  const tokens = await mint(provider, count);
  const seeded = await seedGrants({ appId, authenticatorId, count, expiresInMs: 120_000, issuedAgoMs: 3_480_000, refreshToken: (i) => tokens[i]! });
  // Planner statistics, as autovacuum keeps them on a live database (a freshly seeded one has none).
  await getPrisma().$executeRawUnsafe("ANALYZE");
  return seeded;
}

async function watch<T>(label: string, total: number, work: Promise<T>, progress: () => Promise<number>): Promise<T> {
  const bar = new cliProgress.SingleBar({ format: `${label.padEnd(22)} {bar} {value}/{total} grants`, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  const timer = setInterval(() => void progress().then((n) => bar.update(n)), 250);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    bar.update(await progress());
    bar.stop();
  }
}

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the one-process sweep only (open it in Chrome DevTools). */
async function startProfile() {
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

const chart = (value: number, max: number) => "█".repeat(Math.max(1, Math.round((value / max) * 40)));

async function main() {
  process.env.TEST_DATABASE_URL = testServerUrl();
  const db = await createTestDatabase("fw_bench_sweep");
  process.env.DATABASE_URL = db.url;
  process.env.FIBERWISE_ENCRYPTION_KEYS = `bench:${randomBytes(32).toString("base64")}`;
  process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "true";
  process.env.LOG_LEVEL ??= "silent";
  const executor = await pgExecutor(db.url);
  await migrate(executor, { log: () => {} });
  await executor.close();
  const provider = await startProvider();
  try {
    const prisma = getPrisma();
    const appId = `sweep-${randomUUID().slice(0, 8)}`;
    const authenticatorId = `${appId}-idp`;
    const secret = encryptSecret(BENCH_CLIENT.client_secret, { table: "oauth_authenticators", rowId: authenticatorId, field: "client_secret" });
    await prisma.app.create({ data: { appId, name: "Sweep benchmark" } });
    await prisma.oAuthAuthenticator.create({
      data: {
        authenticatorId, appId, authenticatorName: "Bench IdP", authenticatorType: "custom", clientId: BENCH_CLIENT.client_id,
        clientSecret: secret.ciphertext, encryptionKeyId: secret.keyId, redirectUri: "http://127.0.0.1/auth/callback/bench",
        authorizeUrl: `${provider.issuer}/auth`, tokenUrl: `${provider.issuer}/token`, scopes: ["offline_access", "read"],
      },
    });
    const refreshedSince = (since: Date) => prisma.oAuthTokenGrant.count({ where: { authenticatorId, lastRefreshedAt: { gt: since } } });

    console.log(`Provider capacity: ${BASELINE} refresh_token grants straight at its token endpoint, ${CONCURRENCY} at a time…`);
    await providerCapacity(provider, await mint(provider, 200)); // warm-up
    const capacity = await providerCapacity(provider, await mint(provider, BASELINE));

    console.log(`\nSeeding ${GRANTS} due grants…`);
    await seed(provider, appId, authenticatorId, GRANTS);
    let since = new Date();
    let calls = await tokenCalls(provider);
    const profile = process.env.BENCH_PROFILE ? await startProfile() : null;
    const cpu = process.cpuUsage();
    const one = await watch("one sweep", GRANTS, sweepExpiringGrants({ timeSliceMs: 600_000, maxGrants: 1_000_000 }), () => refreshedSince(since));
    const used = process.cpuUsage(cpu);
    const cpuPerGrant = (used.user + used.system) / 1000 / one.refreshed;
    if (profile) await profile.stop(process.env.BENCH_PROFILE!);
    const oneCalls = (await tokenCalls(provider)) - calls;
    const oneRate = one.refreshed / (one.duration_ms / 1000);

    console.log(`\nSeeding ${GRANTS} more due grants for two worker processes…`);
    await prisma.oAuthTokenGrant.updateMany({ where: { authenticatorId }, data: { expiresAt: new Date(Date.now() + 24 * 3600_000) } });
    await seed(provider, appId, authenticatorId, GRANTS);
    await disconnectPrisma();
    since = new Date();
    calls = await tokenCalls(provider);
    const startedTwo = Date.now();
    const runWorker = () =>
      new Promise<{ refreshed: number; failed: number }>((resolve, reject) => {
        const child = spawn("node", ["--conditions=react-server", "--import", "tsx", "lib/bench/sweep-once.ts"], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`worker exited ${code}`))));
      });
    const two = await watch("two worker processes", GRANTS, Promise.all([runWorker(), runWorker()]), () => refreshedSince(since));
    const twoSeconds = (Date.now() - startedTwo) / 1000;
    const twoCalls = (await tokenCalls(provider)) - calls;
    const twoRefreshed = two[0].refreshed + two[1].refreshed;
    const perGrant = await getPrisma().$queryRaw<Array<{ n: number; grants: number }>>`
      SELECT n::int, count(*)::int AS grants FROM (
        SELECT count(*) AS n FROM oauth_events WHERE event_type = 'token.refreshed' AND created_at > ${since} GROUP BY grant_id) x GROUP BY n`;
    const twoRate = twoRefreshed / twoSeconds;

    const max = Math.max(capacity, oneRate, twoRate);
    console.log(`\n                          grants/s   refreshed   provider calls`);
    console.log(`provider capacity         ${capacity.toFixed(0).padStart(8)}   ${String(BASELINE).padStart(9)}   ${String(BASELINE).padStart(14)}`);
    console.log(`sweep, one process        ${oneRate.toFixed(0).padStart(8)}   ${String(one.refreshed).padStart(9)}   ${String(oneCalls).padStart(14)}`);
    console.log(`sweep, two processes      ${twoRate.toFixed(0).padStart(8)}   ${String(twoRefreshed).padStart(9)}   ${String(twoCalls).padStart(14)}   (${two[0].refreshed} + ${two[1].refreshed})`);
    console.log(`\ngrants/s  provider  ${chart(capacity, max)} ${capacity.toFixed(0)}`);
    console.log(`          sweep ×1  ${chart(oneRate, max)} ${oneRate.toFixed(0)}`);
    console.log(`          sweep ×2  ${chart(twoRate, max)} ${twoRate.toFixed(0)}`);
    const ratio = oneRate / capacity;
    console.log(`\nratio ${ratio.toFixed(2)} of the provider's capacity (target ≥ 0.80) ${ratio >= 0.8 ? "✔" : "✖"}; two processes: ${(twoRate / capacity).toFixed(2)}`);
    const exactlyOnce = twoCalls === GRANTS && twoRefreshed === GRANTS && perGrant.length === 1 && perGrant[0]!.n === 1 && perGrant[0]!.grants === GRANTS;
    console.log(`two processes refreshed each grant exactly once: ${exactlyOnce ? "✔" : "✖"} (refreshes per grant: ${perGrant.map((r) => `${r.n}×${r.grants}`).join(", ")})`);
    console.log(`sweep process CPU: ${cpuPerGrant.toFixed(2)} ms per grant (${((cpuPerGrant * oneRate) / 10).toFixed(0)}% of one core while sweeping)`);
    console.log(`sweep equivalent: ${(oneRate * 3600).toFixed(0)} one-hour tokens kept fresh per hour of sweeping (10,000 Google users need 2.8 refreshes/s)`);
  } finally {
    provider.child.kill("SIGTERM");
    await disconnectPrisma();
    await dropTestDatabase(db.name);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
