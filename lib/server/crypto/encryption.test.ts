import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../env";
import { DecryptionError, currentKeyId, decryptSecret, encryptSecret, getKeyRing, keyIdOf, parseKeyRing, type SecretContext } from "./encryption";
import { randomToken, safeEqual, sha256Hex } from "./hash";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const ringA = parseKeyRing(`a:${keyA}`);
const ringBA = parseKeyRing(`b:${keyB}, a:${keyA}`);
const ringB = parseKeyRing(`b:${keyB}`);
const ctx: SecretContext = { table: "oauth_token_grants", rowId: "grant_1", field: "access_token" };
const secret = "ya29.a0-very-secret-access-token";

function expectDecryptionError(fn: () => unknown, ...mentions: string[]) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    const failure = error as DecryptionError;
    // To API callers: a 409 with a stable code and what to do, naming neither key ids nor rows.
    expect([failure.status, failure.code]).toEqual([409, "secret_unreadable"]);
    expect(failure.message).toMatch(/^A stored secret could not be read\. (Reconnect the account|Start the connection again)/);
    expect(failure.message).not.toMatch(/grant_|FIBERWISE_ENCRYPTION_KEYS|"a"|"b"/);
    // To the operator (logs, keys:rotate): the row, field and key id; never the value.
    const detail = failure.detail;
    expect(failure.log).toMatchObject({ table: failure.secret.table, row_id: failure.secret.rowId, field: failure.secret.field });
    for (const text of [detail, failure.message, JSON.stringify(failure.log)]) expect(text).not.toContain(secret);
    for (const m of mentions) expect(detail).toContain(m);
    return detail;
  }
  throw new Error("expected decryption to fail");
}

/** Flip one bit in the given segment (2 = iv, 3 = ciphertext, 4 = tag) of a v1 value. */
function flip(ciphertext: string, segment: number): string {
  const parts = ciphertext.split(":");
  const bytes = Buffer.from(parts[segment]!, "base64url");
  bytes[0]! ^= 0x01;
  parts[segment] = bytes.toString("base64url");
  return parts.join(":");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips and uses the v1 format with the current key id", () => {
    const { ciphertext, keyId } = encryptSecret(secret, ctx, ringA);
    expect(keyId).toBe("a");
    expect(ciphertext).toMatch(/^v1:a:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(keyIdOf(ciphertext)).toBe("a");
    expect(decryptSecret(ciphertext, ctx, ringA)).toBe(secret);
    expect(decryptSecret(encryptSecret("", ctx, ringA).ciphertext, ctx, ringA)).toBe("");
  });

  it("never contains the plaintext and differs on every encryption", () => {
    const first = encryptSecret(secret, ctx, ringA).ciphertext;
    const second = encryptSecret(secret, ctx, ringA).ciphertext;
    expect(first).not.toBe(second);
    for (const c of [first, second]) {
      expect(c).not.toContain(secret);
      expect(c).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 12));
    }
  });

  it.each([
    [{ table: "oauth_authenticators", rowId: "google", field: "client_secret" }, /Re-enter the authenticator's client secret/],
    [ctx, /Reconnect the account/],
    [{ table: "oauth_sessions", rowId: "s1", field: "code_verifier" }, /Start the connection again/],
  ])("tells the API caller how to recover an unreadable %o", (where, remedy) => {
    const { ciphertext } = encryptSecret(secret, where, ringA);
    try {
      decryptSecret(ciphertext, where, ringB);
      expect.unreachable();
    } catch (error) {
      expect((error as DecryptionError).message).toMatch(remedy);
    }
  });

  it.each([
    ["row", { ...ctx, rowId: "grant_2" }],
    ["field", { ...ctx, field: "refresh_token" }],
    ["table", { ...ctx, table: "oauth_sessions" }],
  ])("refuses a ciphertext moved to another %s", (_, moved) => {
    const { ciphertext } = encryptSecret(secret, ctx, ringA);
    const message = expectDecryptionError(() => decryptSecret(ciphertext, moved, ringA), "authentication failed");
    expect(message).not.toContain(ciphertext);
  });

  it.each([
    ["iv", 2],
    ["ciphertext", 3],
    ["tag", 4],
  ])("refuses a flipped bit in the %s", (_, segment) => {
    const { ciphertext } = encryptSecret(secret, ctx, ringA);
    expectDecryptionError(() => decryptSecret(flip(ciphertext, segment), ctx, ringA));
  });

  it("refuses malformed values and relabelled key ids", () => {
    const { ciphertext } = encryptSecret(secret, ctx, ringBA);
    for (const bad of ["", "plain", ciphertext.replace("v1:", "v2:"), `${ciphertext}:x`, ciphertext.replace(/:[\w-]+$/, ":AAAA")]) {
      expectDecryptionError(() => decryptSecret(bad, ctx, ringBA));
    }
    // Same key material under another id still fails: the key id is part of the associated data.
    const relabelled = parseKeyRing(`b:${keyB},c:${keyB}`);
    expectDecryptionError(() => decryptSecret(ciphertext.replace("v1:b:", "v1:c:"), ctx, relabelled));
  });

  it("supports rotation: old ciphertexts decrypt while their key stays in the ring", () => {
    const { ciphertext } = encryptSecret(secret, ctx, ringA);
    expect(decryptSecret(ciphertext, ctx, ringBA)).toBe(secret);
    expect(encryptSecret(secret, ctx, ringBA).keyId).toBe("b");
    const message = expectDecryptionError(() => decryptSecret(ciphertext, ctx, ringB), '"a"', "FIBERWISE_ENCRYPTION_KEYS");
    expect(message).not.toContain(keyA);
  });
});

describe("parseKeyRing", () => {
  it("takes the first entry as current and keeps all for decryption", () => {
    expect(ringBA.currentKeyId).toBe("b");
    expect([...ringBA.keys.keys()]).toEqual(["b", "a"]);
  });

  it.each([
    ["empty", "", /is empty/],
    ["stray comma", `a:${keyA},`, /entry 2 of 2 is empty/],
    ["missing id", keyA, /no "id:" prefix/],
    ["bad id", `bad id!:${keyA}`, /invalid key id/],
    ["long id", `${"x".repeat(33)}:${keyA}`, /invalid key id/],
    ["short key", `a:${randomBytes(16).toString("base64")}`, /"a".*16 bytes.*exactly 32 bytes/],
    ["long key", `a:${randomBytes(48).toString("base64")}`, /48 bytes/],
    ["not base64", `a:${keyA.slice(0, 20)}!!${keyA.slice(22)}`, /not valid base64/],
    ["duplicate id", `a:${keyA},a:${keyB}`, /"a" twice/],
  ])("rejects %s with a ConfigError that does not echo key material", (_, setting, pattern) => {
    expect(() => parseKeyRing(setting)).toThrow(ConfigError);
    expect(() => parseKeyRing(setting)).toThrow(pattern);
    expect(() => parseKeyRing(setting)).toThrow(/FIBERWISE_ENCRYPTION_KEYS/);
    try {
      parseKeyRing(setting);
    } catch (error) {
      for (const key of [keyA, keyB, keyA.slice(0, 20)]) expect((error as Error).message).not.toContain(key);
    }
  });
});

describe("getKeyRing", () => {
  const original = process.env.FIBERWISE_ENCRYPTION_KEYS;
  afterEach(() => {
    process.env.FIBERWISE_ENCRYPTION_KEYS = original;
  });

  it("follows changes to FIBERWISE_ENCRYPTION_KEYS", () => {
    process.env.FIBERWISE_ENCRYPTION_KEYS = `a:${keyA}`;
    const { ciphertext } = encryptSecret(secret, ctx);
    expect(currentKeyId()).toBe("a");
    process.env.FIBERWISE_ENCRYPTION_KEYS = `b:${keyB},a:${keyA}`;
    expect(getKeyRing().currentKeyId).toBe("b");
    expect(decryptSecret(ciphertext, ctx)).toBe(secret);
  });
});

describe("hash helpers", () => {
  it("hashes, generates tokens and compares", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(randomToken()).toMatch(/^[\w-]{43}$/);
    expect(randomToken(16)).not.toBe(randomToken(16));
    expect(safeEqual("same", "same")).toBe(true);
    expect(safeEqual("same", "different")).toBe(false);
  });
});
