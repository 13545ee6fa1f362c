import "server-only";
import type { Db } from "../db/client";
import { decryptSecret, encryptSecret, getKeyRing } from "./encryption";

/**
 * Every column that holds ciphertext, with the row key its associated data is bound to. Table and
 * column names are interpolated into SQL, so they must only ever come from this constant.
 */
export const SECRET_TABLES = [
  { table: "oauth_authenticators", keyColumn: "authenticator_id", columns: ["client_secret"] },
  { table: "oauth_token_grants", keyColumn: "grant_id", columns: ["access_token", "refresh_token", "id_token"] },
  { table: "oauth_sessions", keyColumn: "session_id", columns: ["code_verifier", "nonce"] },
  { table: "webhook_endpoints", keyColumn: "id", columns: ["secret", "previous_secret"] },
  { table: "pending_revocations", keyColumn: "id", columns: ["token"] },
] as const;

type SecretTable = (typeof SECRET_TABLES)[number];
type RawDb = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;
type Row = Record<string, string | null> & { row_key: string; encryption_key_id: string };

export type RotationProgress = { table: string; done: number; total: number };
export type RotationResult = { tables: Array<{ table: string; rotated: number }>; total: number };

const q = (name: string) => `"${name}"`;

async function countPending(prisma: RawDb, t: SecretTable, keyId: string): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM ${q(t.table)} WHERE encryption_key_id <> $1`,
    keyId,
  );
  return rows[0]?.n ?? 0;
}

/** Re-encrypt one row under the current key; false when another writer changed it first. */
async function rotateRow(prisma: RawDb, t: SecretTable, row: Row, keyId: string): Promise<boolean> {
  const values = t.columns.map((field) => {
    const stored = row[field];
    if (stored == null) return null;
    // Decrypting under the row's own context also proves the row is intact before it is rewritten.
    const plaintext = decryptSecret(stored, { table: t.table, rowId: row.row_key, field });
    return encryptSecret(plaintext, { table: t.table, rowId: row.row_key, field }).ciphertext;
  });
  const n = t.columns.length;
  const set = t.columns.map((c, i) => `${q(c)} = $${i + 1}`).join(", ");
  // Optimistic: the row must still hold exactly what was read. Matching the ciphertexts too (each
  // is unique, random IV) stops us from overwriting a token a refresh wrote meanwhile under the old key.
  const unchanged = t.columns.map((c, i) => `${q(c)} IS NOT DISTINCT FROM $${n + 4 + i}`).join(" AND ");
  const updated = await prisma.$executeRawUnsafe(
    `UPDATE ${q(t.table)} SET ${set}, encryption_key_id = $${n + 1} ` +
      `WHERE ${q(t.keyColumn)} = $${n + 2} AND encryption_key_id = $${n + 3} AND ${unchanged}`,
    ...values,
    keyId,
    row.row_key,
    row.encryption_key_id,
    ...t.columns.map((c) => row[c] ?? null),
  );
  return updated === 1;
}

/**
 * Re-encrypt every secret under the current (first) key. Each row is its own statement, so an
 * interrupted run leaves only consistent rows behind and a rerun picks up those still under old keys.
 */
export async function rotateKeys({
  prisma,
  batchSize = 200,
  onProgress,
}: {
  prisma: RawDb;
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void;
}): Promise<RotationResult> {
  const keyId = getKeyRing().currentKeyId;
  const pending = await Promise.all(SECRET_TABLES.map((t) => countPending(prisma, t, keyId)));
  const total = pending.reduce((a, b) => a + b, 0);
  let done = 0;
  onProgress?.({ table: SECRET_TABLES[0].table, done, total });
  const tables: RotationResult["tables"] = [];
  for (const t of SECRET_TABLES) {
    let rotated = 0;
    let stalled = 0;
    const columns = t.columns.map(q).join(", ");
    for (;;) {
      const rows = await prisma.$queryRawUnsafe<Row[]>(
        `SELECT ${q(t.keyColumn)} AS row_key, encryption_key_id, ${columns} FROM ${q(t.table)} ` +
          `WHERE encryption_key_id <> $1 ORDER BY ${q(t.keyColumn)} LIMIT $2`,
        keyId,
        batchSize,
      );
      if (rows.length === 0) break;
      let progressed = false;
      for (const row of rows) {
        if (!(await rotateRow(prisma, t, row, keyId))) continue;
        progressed = true;
        rotated += 1;
        done += 1;
        onProgress?.({ table: t.table, done, total: Math.max(total, done) });
      }
      // Skipped rows are selected again; if a whole batch keeps losing, something keeps writing them
      // under an old key (a process whose ring still lists the old key first) and looping cannot win.
      stalled = progressed ? 0 : stalled + 1;
      if (stalled >= 3) {
        throw new Error(
          `Rows in ${t.table} keep being rewritten under an old key while rotating. Make sure every process has "${keyId}" first in FIBERWISE_ENCRYPTION_KEYS, then run the rotation again.`,
        );
      }
    }
    tables.push({ table: t.table, rotated });
  }
  return { tables, total: done };
}

export type KeyUsage = { table: string; counts: Array<{ keyId: string; count: number }> };

/** How many rows each key id still protects, per table: a key with no rows can leave the ring. */
export async function countSecretsByKey(prisma: RawDb): Promise<KeyUsage[]> {
  return Promise.all(
    SECRET_TABLES.map(async (t) => {
      const rows = await prisma.$queryRawUnsafe<Array<{ key_id: string; count: number }>>(
        `SELECT encryption_key_id AS key_id, count(*)::int AS count FROM ${q(t.table)} GROUP BY encryption_key_id ORDER BY encryption_key_id`,
      );
      return { table: t.table, counts: rows.map((r) => ({ keyId: r.key_id, count: r.count })) };
    }),
  );
}
