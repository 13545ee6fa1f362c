import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { secretMatchesFingerprint } from "../../cli/lib/secret-fingerprint";
import { FINGERPRINT_PARAMS, parseFingerprint } from "../../schemas/secret-fingerprint";
import { createAppWith, createUser, sessionCtx } from "../../testing/factories";
import { withFreshDatabase } from "../../testing/fresh-database";
import { getAuthenticatorOrThrow } from "../authenticators/get-authenticator-or-throw";
import { listAuthenticators } from "../authenticators/list-authenticators";
import { parseRegistrationOrThrow } from "../authenticators/parse-registration";
import { registerAuthenticator } from "../authenticators/register-authenticator";
import { updateAuthenticator } from "../authenticators/update-authenticator";
import { getPrisma } from "../db/client";
import { decryptSecret, encryptSecret } from "./encryption";
import { rotateKeys } from "./rotate-keys";
import { fingerprintSecret } from "./secret-fingerprint";

// client_secret_fingerprint: written by the server when a secret is set or rotated, checked by the CLI
// (the verifier here is the CLI's own) without the API ever returning the secret. Key rotation
// rewrites every secret column, so this file has a database of its own.
withFreshDatabase("fw_fingerprint");

const originalKeys = process.env.FIBERWISE_ENCRYPTION_KEYS;
afterEach(() => void (process.env.FIBERWISE_ENCRYPTION_KEYS = originalKeys));

let user: Awaited<ReturnType<typeof createUser>>;
let appId = "";
beforeAll(async () => {
  user = await createUser("fingerprint");
  appId = await createAppWith([{ userId: user.id, role: "owner" }]);
});

const register = (name: string, secret: string) =>
  registerAuthenticator({
    ctx: sessionCtx(user),
    input: parseRegistrationOrThrow({ app_id: appId, name, authenticator_type: "github", client_id: `cid-${name}`, client_secret: secret }),
  });
const storedFingerprint = async (authenticatorId: string) =>
  (await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId } })).clientSecretFingerprint;

describe("the fingerprint itself", () => {
  it("is scrypt at the documented cost with a fresh salt each time, and only the right secret matches it", async () => {
    const secret = "GOCSPX-a-real-looking-secret-0042";
    const [one, two] = await Promise.all([fingerprintSecret(secret), fingerprintSecret(secret)]);
    expect(one).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(parseFingerprint(one)).toMatchObject({ N: FINGERPRINT_PARAMS.N, r: 8, p: 3 });
    expect(one).not.toBe(two);
    expect(one).not.toContain(secret.slice(-4));
    expect(await secretMatchesFingerprint(secret, one)).toBe(true);
    expect(await secretMatchesFingerprint(secret, two)).toBe(true);
    expect(await secretMatchesFingerprint(`${secret} `, one)).toBe(false);
    expect(await secretMatchesFingerprint("GOCSPX-a-real-looking-secret-0043", one)).toBe(false);
    // Not normalised: two spellings of "é" are two different secrets to a provider.
    const nfc = await fingerprintSecret("caf\u00e9-secret");
    expect(await secretMatchesFingerprint("cafe\u0301-secret", nfc)).toBe(false);
  });

  it("is costly per guess: at least 32 MiB and tens of milliseconds for each secret tried", async () => {
    const fingerprint = await fingerprintSecret("x".repeat(24));
    const started = performance.now();
    for (let i = 0; i < 3; i++) await secretMatchesFingerprint(`guess-${i}`, fingerprint);
    const perGuess = (performance.now() - started) / 3;
    const { N, r, p } = parseFingerprint(fingerprint)!;
    expect(128 * N * r).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(N * p).toBeGreaterThanOrEqual(3 * 2 ** 15);
    expect(perGuess).toBeGreaterThan(20);
  });

  it("is unknown (null) when missing, malformed, or asking a reader for too much memory", async () => {
    for (const value of [null, undefined, "", "sha256$abc", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
      `scrypt$${2 ** 22}$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g`]) {
      expect(parseFingerprint(value)).toBeNull();
      expect(await secretMatchesFingerprint("anything", value)).toBeNull();
    }
  });
});

describe("authenticator responses", () => {
  it("carry the fingerprint from registration on, keep it across other updates and replace it on rotation", async () => {
    const secret = `first-secret-${randomBytes(6).toString("hex")}`;
    const created = await register("Fingerprinted", secret);
    expect(created.client_secret_fingerprint).toBe(await storedFingerprint(created.authenticator_id));
    expect(await secretMatchesFingerprint(secret, created.client_secret_fingerprint)).toBe(true);
    expect(JSON.stringify(created)).not.toContain(secret);

    const ctx = sessionCtx(user);
    const id = created.authenticator_id;
    const listed = (await listAuthenticators({ ctx, input: { appId } })).find((a) => a.authenticator_id === id)!;
    expect(listed.client_secret_fingerprint).toBe(created.client_secret_fingerprint);
    expect((await getAuthenticatorOrThrow({ ctx, authenticatorId: id })).client_secret_fingerprint).toBe(created.client_secret_fingerprint);

    const rescoped = await updateAuthenticator({ ctx, authenticatorId: id, input: { scopes: ["user"] } });
    expect(rescoped.client_secret_fingerprint).toBe(created.client_secret_fingerprint);

    const rotated = await updateAuthenticator({ ctx, authenticatorId: id, input: { client_secret: "second-secret-9999" } });
    expect(rotated.client_secret_fingerprint).not.toBe(created.client_secret_fingerprint);
    expect(await secretMatchesFingerprint("second-secret-9999", rotated.client_secret_fingerprint)).toBe(true);
    expect(await secretMatchesFingerprint(secret, rotated.client_secret_fingerprint)).toBe(false);
    expect(await storedFingerprint(id)).toBe(rotated.client_secret_fingerprint);
  });

  it("report null for a row whose secret predates fingerprints, until the secret is set again", async () => {
    const authenticatorId = `legacy-${randomBytes(3).toString("hex")}`;
    const secret = encryptSecret("legacy-secret-1234", { table: "oauth_authenticators", rowId: authenticatorId, field: "client_secret" });
    await getPrisma().oAuthAuthenticator.create({
      data: {
        authenticatorId, appId, authenticatorName: "Legacy", authenticatorType: "github", clientId: "legacy", clientSecret: secret.ciphertext,
        encryptionKeyId: secret.keyId, redirectUri: `http://localhost:3000/auth/callback/${authenticatorId}`,
        authorizeUrl: "https://github.com/login/oauth/authorize", tokenUrl: "https://github.com/login/oauth/access_token",
      },
    });
    const ctx = sessionCtx(user);
    expect((await getAuthenticatorOrThrow({ ctx, authenticatorId })).client_secret_fingerprint).toBeNull();
    const set = await updateAuthenticator({ ctx, authenticatorId, input: { client_secret: "legacy-secret-1234" } });
    expect(await secretMatchesFingerprint("legacy-secret-1234", set.client_secret_fingerprint)).toBe(true);
  });

  it("survive key rotation (npm run keys:rotate): the fingerprint is not ciphertext and still matches", async () => {
    const secret = `rotation-secret-${randomBytes(6).toString("hex")}`;
    const created = await register("Rotated keys", secret);
    const id = created.authenticator_id;
    const before = await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: id } });

    process.env.FIBERWISE_ENCRYPTION_KEYS = `r2:${randomBytes(32).toString("base64")},${originalKeys}`;
    const result = await rotateKeys({ prisma: getPrisma() });
    expect(result.total).toBeGreaterThan(0);

    const after = await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: id } });
    expect(after.encryptionKeyId).toBe("r2");
    expect(after.clientSecret).not.toBe(before.clientSecret);
    expect(after.clientSecretFingerprint).toBe(before.clientSecretFingerprint);
    const plaintext = decryptSecret(after.clientSecret, { table: "oauth_authenticators", rowId: id, field: "client_secret" });
    expect(await secretMatchesFingerprint(plaintext, after.clientSecretFingerprint)).toBe(true);
    expect((await getAuthenticatorOrThrow({ ctx: sessionCtx(user), authenticatorId: id })).client_secret_fingerprint).toBe(before.clientSecretFingerprint);
  });
});
