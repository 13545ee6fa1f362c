import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ConfigError, encryptionKeysSetting } from "../env";
import { AppError } from "../errors";

// Secrets at rest: AES-256-GCM, one random 96-bit IV per encryption, 128-bit tag, and associated
// data that binds each ciphertext to its table, row, field and key. Stored as
//   v1:<keyId>:<iv b64url>:<ciphertext b64url>:<tag b64url>

export type SecretContext = { table: string; rowId: string; field: string };
export type KeyRing = { currentKeyId: string; keys: ReadonlyMap<string, Buffer> };

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const HOW_TO_SET =
  'Set FIBERWISE_ENCRYPTION_KEYS to comma-separated id:base64key entries, newest first, e.g. "k2:<key>,k1:<key>", each key from `openssl rand -base64 32`.';

// What the person who can fix it should do, by the secret that could not be read.
function remedy(ctx: SecretContext): string {
  if (ctx.table === "oauth_authenticators") return "Re-enter the authenticator's client secret (update it under Settings → OAuth Authenticators or with PATCH client_secret).";
  if (ctx.table === "oauth_token_grants") return "Reconnect the account to store new tokens.";
  return "Start the connection again.";
}

/**
 * Any failure to decrypt (altered value, value copied from elsewhere, key no longer in
 * FIBERWISE_ENCRYPTION_KEYS). To API callers it is a 409 `secret_unreadable` saying what to do; the
 * operator's explanation (row, field, key id, never the value or key material) is `detail`, and is
 * logged once, by errorResponse, when the error is answered.
 */
export class DecryptionError extends AppError {
  override name = "DecryptionError";

  constructor(
    readonly secret: SecretContext,
    readonly detail: string,
    readonly keyId?: string,
  ) {
    super(409, "secret_unreadable", `A stored secret could not be read. ${remedy(secret)}`);
    this.log = { table: secret.table, row_id: secret.rowId, field: secret.field, key_id: keyId, reason: detail };
  }
}

/** Parse the setting. Error messages point at the entry by position: key material is never echoed. */
export function parseKeyRing(setting: string): KeyRing {
  const entries = setting.split(",").map((entry) => entry.trim());
  if (entries.length === 1 && entries[0] === "") throw new ConfigError(`FIBERWISE_ENCRYPTION_KEYS is empty. ${HOW_TO_SET}`);
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const where = `FIBERWISE_ENCRYPTION_KEYS entry ${index + 1} of ${entries.length}`;
    if (entry === "") throw new ConfigError(`${where} is empty (stray comma?). ${HOW_TO_SET}`);
    const colon = entry.indexOf(":");
    // Without a colon the whole entry may be a bare key, so nothing of it is quoted.
    if (colon < 0) throw new ConfigError(`${where} has no "id:" prefix. ${HOW_TO_SET}`);
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) throw new ConfigError(`${where} has an invalid key id: ids are 1-32 characters of A-Z a-z 0-9 _ -. ${HOW_TO_SET}`);
    // Buffer.from(…, "base64") silently skips junk, so check the alphabet before trusting the length.
    const key = BASE64.test(encoded) ? Buffer.from(encoded, "base64") : undefined;
    if (!key || key.length !== 32) {
      const got = key ? `decodes to ${key.length} bytes` : "is not valid base64";
      throw new ConfigError(`${where} (id "${id}"): the key ${got}; it must be base64 of exactly 32 bytes. ${HOW_TO_SET}`);
    }
    if (keys.has(id)) throw new ConfigError(`FIBERWISE_ENCRYPTION_KEYS lists key id "${id}" twice; key ids must be unique. ${HOW_TO_SET}`);
    keys.set(id, key);
  });
  return { currentKeyId: [...keys.keys()][0]!, keys };
}

let cached: { setting: string; ring: KeyRing } | undefined;

/** The configured ring, re-parsed whenever the setting string changes (tests swap it). */
export function getKeyRing(): KeyRing {
  const setting = encryptionKeysSetting();
  if (cached?.setting !== setting) cached = { setting, ring: parseKeyRing(setting) };
  return cached.ring;
}

export const currentKeyId = (): string => getKeyRing().currentKeyId;

// JSON of an array: no choice of table/row/field values can make two different contexts collide.
// The key id is included so a ciphertext cannot be relabelled to another key id.
function associatedData(ctx: SecretContext, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(["fiberwise-secret", "v1", ctx.table, ctx.rowId, ctx.field, keyId]), "utf8");
}

export function encryptSecret(plaintext: string, ctx: SecretContext, ring: KeyRing = getKeyRing()): { ciphertext: string; keyId: string } {
  const keyId = ring.currentKeyId;
  // A fresh random IV per call: GCM loses confidentiality and integrity if an IV repeats under a key.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, ring.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(ctx, keyId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return { ciphertext: ["v1", keyId, ...parts].join(":"), keyId };
}

type Parsed = { keyId: string; iv: Buffer; body: Buffer; tag: Buffer };

// Outside a row (keyIdOf), an unreadable value is described as just "secret".
const UNKNOWN_ROW: SecretContext = { table: "secret", rowId: "?", field: "value" };
const describeSecret = (ctx: SecretContext) => (ctx === UNKNOWN_ROW ? "secret" : `${ctx.table}.${ctx.field} of row ${ctx.rowId}`);

function parse(ciphertext: string, ctx: SecretContext): Parsed {
  const what = describeSecret(ctx);
  const parts = ciphertext.split(":");
  const [version, keyId, iv, body, tag] = parts;
  const wellFormed =
    parts.length === 5 && version === "v1" && KEY_ID.test(keyId!) && [iv, body, tag].every((p) => BASE64URL.test(p!));
  if (!wellFormed) throw new DecryptionError(ctx, `Could not decrypt ${what}: the stored value is not in the v1 secret format.`);
  const parsed = { keyId: keyId!, iv: Buffer.from(iv!, "base64url"), body: Buffer.from(body!, "base64url"), tag: Buffer.from(tag!, "base64url") };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw new DecryptionError(ctx, `Could not decrypt ${what}: the stored value has a malformed IV or tag.`, parsed.keyId);
  }
  return parsed;
}

/** The id of the key a stored secret is encrypted under; throws DecryptionError if it is not a v1 secret. */
export function keyIdOf(ciphertext: string): string {
  return parse(ciphertext, UNKNOWN_ROW).keyId;
}

export function decryptSecret(ciphertext: string, ctx: SecretContext, ring: KeyRing = getKeyRing()): string {
  const what = describeSecret(ctx);
  const { keyId, iv, body, tag } = parse(ciphertext, ctx);
  const key = ring.keys.get(keyId);
  if (!key) {
    throw new DecryptionError(
      ctx,
      `Could not decrypt ${what}: it is encrypted under key "${keyId}", which is not in the key ring. Add key "${keyId}" (id:base64key) back to FIBERWISE_ENCRYPTION_KEYS.`,
      keyId,
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(ctx, keyId));
    decipher.setAuthTag(tag);
    // final() verifies the tag; nothing from update() is returned unless it passes.
    const plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
    return plaintext.toString("utf8");
  } catch {
    // The cause is deliberately dropped: Node's message adds nothing and the caller must not log internals.
    throw new DecryptionError(
      ctx,
      `Could not decrypt ${what}: authentication failed (the value was altered, was copied from another row, field or table, or key "${keyId}" is not the key it was encrypted with).`,
      keyId,
    );
  }
}
