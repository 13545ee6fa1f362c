import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getPrisma } from "../db/client";
import { withFreshDatabase } from "../../testing/fresh-database";
import { currentKeyId, decryptSecret, encryptSecret, type SecretContext } from "./encryption";
import { SECRET_TABLES, countSecretsByKey, rotateKeys } from "./rotate-keys";

// Rotation rewrites every row of the secret tables, which would pull other test files' rows (under
// the run's key) out from under them; this file therefore works on a private database of its own.
const OLD = `old:${randomBytes(32).toString("base64")}`;
const NEW = `new:${randomBytes(32).toString("base64")}`;
const originalKeys = process.env.FIBERWISE_ENCRYPTION_KEYS;
withFreshDatabase("fw_rotate");

afterEach(() => void (process.env.FIBERWISE_ENCRYPTION_KEYS = originalKeys));

type Secret = SecretContext & { plaintext: string };

/** Seed one app's rows with secrets under OLD, then switch to the rotation ring [NEW, OLD]. */
async function seedUnderOldKey(): Promise<Secret[]> {
  process.env.FIBERWISE_ENCRYPTION_KEYS = OLD;
  const prisma = getPrisma();
  const id = randomUUID().slice(0, 8);
  const secrets: Secret[] = [];
  const enc = (table: string, rowId: string, field: string, plaintext: string) => {
    secrets.push({ table, rowId, field, plaintext });
    return encryptSecret(plaintext, { table, rowId, field }).ciphertext;
  };
  const keyId = currentKeyId();
  const appId = `app_${id}`;
  const authenticatorId = `auth_${id}`;
  const user = await prisma.user.create({ data: { email: `rotate-${id}@example.test` } });
  await prisma.app.create({ data: { appId, name: `Rotate ${id}` } });
  await prisma.oAuthAuthenticator.create({
    data: {
      authenticatorId, appId, authenticatorName: "github", authenticatorType: "oauth2", clientId: "cid",
      clientSecret: enc("oauth_authenticators", authenticatorId, "client_secret", `client-secret-${id}`),
      encryptionKeyId: keyId, redirectUri: "http://localhost/cb", authorizeUrl: "https://p/auth", tokenUrl: "https://p/token",
    },
  });
  for (const [n, withRefresh] of [[1, true], [2, false]] as const) {
    const grantId = `grant_${id}_${n}`;
    await prisma.oAuthTokenGrant.create({
      data: {
        grantId, userId: user.id, appId, authenticatorId, encryptionKeyId: keyId,
        accessToken: enc("oauth_token_grants", grantId, "access_token", `access-${id}-${n}`),
        refreshToken: withRefresh ? enc("oauth_token_grants", grantId, "refresh_token", `refresh-${id}-${n}`) : null,
      },
    });
  }
  for (const [n, withVerifier] of [[1, true], [2, false]] as const) {
    const sessionId = `session_${id}_${n}`;
    await prisma.oAuthSession.create({
      data: {
        sessionId, authenticatorName: "github", authenticatorId, appId, userId: user.id, encryptionKeyId: keyId,
        stateToken: `state_${id}_${n}`, browserBinding: "b", redirectUri: "http://localhost/cb", expiresAt: new Date(Date.now() + 60_000),
        codeVerifier: withVerifier ? enc("oauth_sessions", sessionId, "code_verifier", `verifier-${id}`) : null,
        nonce: withVerifier ? enc("oauth_sessions", sessionId, "nonce", `nonce-${id}`) : null,
      },
    });
  }
  const webhookId = `wh_${id}`;
  await prisma.webhookEndpoint.create({
    data: {
      id: webhookId, appId, url: "https://hooks.example.com/fw", encryptionKeyId: keyId,
      secret: enc("webhook_endpoints", webhookId, "secret", `whsec_new_${id}`),
      previousSecret: enc("webhook_endpoints", webhookId, "previous_secret", `whsec_old_${id}`),
      previousSecretExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const revocationId = `rev_${id}`;
  await prisma.pendingRevocation.create({
    data: {
      id: revocationId, appId, authenticatorId, tokenTypeHint: "refresh_token", encryptionKeyId: keyId, nextAttemptAt: new Date(),
      token: enc("pending_revocations", revocationId, "token", `refresh-pending-${id}`),
    },
  });
  process.env.FIBERWISE_ENCRYPTION_KEYS = `${NEW},${OLD}`;
  return secrets;
}

/** Read one secret column and its row's key id straight from the table named in the context. */
async function stored(s: SecretContext): Promise<{ value: string; keyId: string }> {
  const keyColumn = SECRET_TABLES.find((t) => t.table === s.table)!.keyColumn;
  const rows = await getPrisma().$queryRawUnsafe<Array<{ value: string; key_id: string }>>(
    `SELECT "${s.field}" AS value, encryption_key_id AS key_id FROM "${s.table}" WHERE "${keyColumn}" = $1`,
    s.rowId,
  );
  return { value: rows[0]!.value, keyId: rows[0]!.key_id };
}

async function expectAllUnderNewKeyOnly(secrets: Secret[]) {
  process.env.FIBERWISE_ENCRYPTION_KEYS = NEW; // the old key is gone from the ring
  for (const s of secrets) {
    const { value, keyId } = await stored(s);
    expect(keyId).toBe("new");
    expect(decryptSecret(value, s)).toBe(s.plaintext);
  }
  const usage = await countSecretsByKey(getPrisma());
  expect(usage.flatMap((u) => u.counts.map((c) => c.keyId))).not.toContain("old");
}

// 7 rows per seed: 1 authenticator, 2 grants, 2 sessions (one of each with null secret columns),
// 1 webhook endpoint (with a previous secret), 1 pending revocation.
const ROWS_PER_SEED = 7;

describe("rotateKeys", () => {
  it("re-encrypts every secret under the new key, and a second run rotates nothing", async () => {
    const secrets = await seedUnderOldKey();
    const progress: number[] = [];
    const result = await rotateKeys({ prisma: getPrisma(), batchSize: 2, onProgress: (p) => progress.push(p.done) });
    expect(result.total).toBe(ROWS_PER_SEED);
    expect(result.tables).toEqual([
      { table: "oauth_authenticators", rotated: 1 },
      { table: "oauth_token_grants", rotated: 2 },
      { table: "oauth_sessions", rotated: 2 },
      { table: "webhook_endpoints", rotated: 1 },
      { table: "pending_revocations", rotated: 1 },
    ]);
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await expectAllUnderNewKeyOnly(secrets);
    process.env.FIBERWISE_ENCRYPTION_KEYS = `${NEW},${OLD}`;
    expect((await rotateKeys({ prisma: getPrisma() })).total).toBe(0);
  });

  it("resumes after an interruption and finishes the remaining rows", async () => {
    const secrets = await seedUnderOldKey();
    const stopAfterFirstRow = ({ done }: { done: number }) => {
      if (done >= 1) throw new Error("interrupted");
    };
    await expect(rotateKeys({ prisma: getPrisma(), batchSize: 1, onProgress: stopAfterFirstRow })).rejects.toThrow("interrupted");
    const usage = await countSecretsByKey(getPrisma());
    const oldLeft = usage.flatMap((u) => u.counts).reduce((sum, c) => sum + (c.keyId === "old" ? c.count : 0), 0);
    expect(oldLeft).toBe(ROWS_PER_SEED - 1);

    const resumed = await rotateKeys({ prisma: getPrisma(), batchSize: 1 });
    expect(resumed.total).toBe(ROWS_PER_SEED - 1);
    await expectAllUnderNewKeyOnly(secrets);
  });

  it("stops with a DecryptionError naming a key that is missing from the ring", async () => {
    await seedUnderOldKey();
    process.env.FIBERWISE_ENCRYPTION_KEYS = NEW;
    await expect(rotateKeys({ prisma: getPrisma() })).rejects.toMatchObject({
      name: "DecryptionError",
      code: "secret_unreadable",
      detail: expect.stringContaining('"old"'),
    });
    // Nothing was written: the rows are still readable under the old key.
    process.env.FIBERWISE_ENCRYPTION_KEYS = `${NEW},${OLD}`;
    expect((await rotateKeys({ prisma: getPrisma() })).total).toBe(ROWS_PER_SEED);
  });
});
