import { scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { parseFingerprint, scryptOptions } from "../../schemas/secret-fingerprint";

const scryptAsync = promisify(scrypt) as (secret: Buffer, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * Whether a local secret is the one the platform holds, from the fingerprint the API returns
 * (lib/schemas/secret-fingerprint.ts): scrypt of the local value with the stored salt and cost.
 * null when there is nothing to compare with (a secret set before fingerprints existed).
 */
export async function secretMatchesFingerprint(secret: string, fingerprint: string | null | undefined): Promise<boolean | null> {
  const parsed = parseFingerprint(fingerprint);
  if (!parsed) return null;
  const expected = Buffer.from(parsed.hash, "base64url");
  const actual = await scryptAsync(Buffer.from(secret, "utf8"), Buffer.from(parsed.salt, "base64url"), expected.length, scryptOptions(parsed));
  return timingSafeEqual(actual, expected);
}
