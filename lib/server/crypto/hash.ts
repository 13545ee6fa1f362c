import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** SHA-256 as lowercase hex: how API keys and OAuth state tokens are stored (never the value itself). */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** A URL-safe random token; 32 bytes (256 bits) leaves nothing to guess for keys, state and verifiers. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new RangeError("randomToken needs at least 16 bytes");
  return randomBytes(bytes).toString("base64url");
}

/** Compare two strings without leaking, through timing, how long their common prefix is. */
export function safeEqual(a: string, b: string): boolean {
  // Hashing first gives equal-length inputs, so a length mismatch is not revealed early either.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}
