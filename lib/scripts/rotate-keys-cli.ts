// npm run keys:rotate: re-encrypt every stored secret under the first key in FIBERWISE_ENCRYPTION_KEYS.
import { existsSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { SingleBar, Presets } from "cli-progress";
import { databaseKind, disconnectPrisma, getPrisma, pgliteDir } from "../server/db/client";
import { DecryptionError, getKeyRing } from "../server/crypto/encryption";
import { countSecretsByKey, rotateKeys, type KeyUsage } from "../server/crypto/rotate-keys";

function parseBatchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError("must be an integer from 1 to 10000");
  return n;
}

function usageByKey(usage: KeyUsage[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { counts } of usage) for (const { keyId, count } of counts) totals.set(keyId, (totals.get(keyId) ?? 0) + count);
  return totals;
}

function printUsage(usage: KeyUsage[]) {
  for (const { table, counts } of usage) {
    const text = counts.length ? counts.map((c) => `${c.keyId}: ${c.count}`).join(", ") : "no rows";
    console.log(`  ${table.padEnd(22)} ${text}`);
  }
}

async function main() {
  const program = new Command()
    .name("keys:rotate")
    .description("Re-encrypt every stored secret under the current (first) key in FIBERWISE_ENCRYPTION_KEYS.")
    .option("--batch-size <n>", "rows read per query", parseBatchSize, 200)
    .parse();
  const { batchSize } = program.opts<{ batchSize: number }>();

  // Parse the ring before touching the database so a bad setting fails fast with its own message.
  const ring = getKeyRing();
  const embedded = databaseKind() === "pglite";
  if (embedded && !existsSync(pgliteDir())) {
    throw new Error(`DATABASE_URL is not set and there is no embedded database at ${pgliteDir()}; nothing to rotate.`);
  }
  const prisma = getPrisma();
  const target = embedded ? `embedded PGlite (${pgliteDir()})` : "PostgreSQL (DATABASE_URL)";
  console.log(`Database: ${target}`);
  console.log(`Current key: ${ring.currentKeyId} (ring: ${[...ring.keys.keys()].join(", ")})`);
  console.log("Secrets per key before rotation:");
  printUsage(await countSecretsByKey(prisma));

  const bar = new SingleBar({ format: "  {bar} {value}/{total} rows | {table}", hideCursor: true }, Presets.shades_classic);
  let started = false;
  let result: Awaited<ReturnType<typeof rotateKeys>>;
  try {
    result = await rotateKeys({
      prisma,
      batchSize,
      onProgress: ({ table, done, total }) => {
        if (!started && total > 0) bar.start(total, done, { table });
        started ||= total > 0;
        if (started) bar.update(done, { table });
      },
    });
  } finally {
    if (started) bar.stop();
  }
  console.log(`✔ Rotated ${result.total} row(s) to key ${ring.currentKeyId}.`);
  for (const { table, rotated } of result.tables) console.log(`  ${table.padEnd(22)} ${rotated}`);

  const after = await countSecretsByKey(prisma);
  console.log("Secrets per key after rotation:");
  printUsage(after);
  const inUse = usageByKey(after);
  for (const keyId of ring.keys.keys()) {
    if (keyId !== ring.currentKeyId && !inUse.has(keyId)) {
      console.log(`key ${keyId} is no longer used; you may remove it from FIBERWISE_ENCRYPTION_KEYS`);
    }
  }
  for (const keyId of inUse.keys()) {
    if (keyId !== ring.currentKeyId) console.log(`key ${keyId} still protects ${inUse.get(keyId)} row(s); keep it in FIBERWISE_ENCRYPTION_KEYS`);
  }
}

main()
  .then(() => disconnectPrisma())
  .catch(async (error: unknown) => {
    // One line, no stack: ConfigError messages and DecryptionError details (row, field, key id) are
    // written to be safe to print, and a stack or error object could carry row values.
    const name = error instanceof Error ? error.name : "Error";
    const text = error instanceof DecryptionError ? error.detail : error instanceof Error ? error.message : String(error);
    console.error(`✖ ${name}: ${text}`);
    await disconnectPrisma().catch(() => {});
    process.exit(1);
  });
