import "server-only";
import { randomBytes, scrypt } from "node:crypto";
import { promisify } from "node:util";
import { FINGERPRINT_PARAMS, formatFingerprint, scryptOptions } from "../../schemas/secret-fingerprint";

const scryptAsync = promisify(scrypt) as (secret: Buffer, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * The client secret's fingerprint (format and cost: lib/schemas/secret-fingerprint.ts), computed when
 * a secret is set or rotated. It runs on libuv's thread pool, never inside a transaction: it takes
 * about 0.3 s of one core on purpose.
 */
export async function fingerprintSecret(secret: string): Promise<string> {
  const { N, r, p, saltBytes, hashBytes } = FINGERPRINT_PARAMS;
  const salt = randomBytes(saltBytes);
  const hash = await scryptAsync(Buffer.from(secret, "utf8"), salt, hashBytes, scryptOptions({ N, r, p }));
  return formatFingerprint({ N, r, p, salt: salt.toString("base64url"), hash: hash.toString("base64url") });
}
