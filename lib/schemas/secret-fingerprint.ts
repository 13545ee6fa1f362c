// Client-safe: the format of `client_secret_fingerprint` on authenticator responses, read by the server
// (which writes it when a secret is set or rotated) and the `fiber` CLI (which checks a local secret
// against it, so `plan` can say "unchanged" without the API ever returning the secret).
//
//   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
//
// scrypt (RFC 7914) because it is slow and memory-hard: a fingerprint is an offline guessing oracle
// for whoever can read the authenticator, so each guess must be expensive. N = 2^15, r = 8, p = 3 is
// one of OWASP's equivalent minimum settings for password storage: 32 MiB and 3 × 2^15 block mixes per
// guess. The salt is 16 random bytes, new each time the secret is set, so equal secrets (in two apps,
// or before and after a rotation back) do not have equal fingerprints. Readers take N, r and p from
// the string, so the server can raise them later without breaking older CLIs.

export const FINGERPRINT_PARAMS = { N: 32_768, r: 8, p: 3, saltBytes: 16, hashBytes: 32 } as const;

// Bounds a reader accepts, so a fingerprint cannot make a client allocate without limit.
const MAX_MEMORY = 256 * 1024 * 1024;
const MAX_P = 16;

export type ParsedFingerprint = { N: number; r: number; p: number; salt: string; hash: string };

const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{32,128})$/;

/** The parts of a fingerprint, or null when it is not one this client can check (unknown or out of bounds). */
export function parseFingerprint(value: string | null | undefined): ParsedFingerprint | null {
  const match = FORMAT.exec(value ?? "");
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || p < 1 || p > MAX_P || scryptMemory(N, r) > MAX_MEMORY) return null;
  return { N, r, p, salt: match[4]!, hash: match[5]! };
}

export function formatFingerprint({ N, r, p, salt, hash }: ParsedFingerprint): string {
  return `scrypt$${N}$${r}$${p}$${salt}$${hash}`;
}

/** What scrypt needs in memory for N and r (128·N·r bytes). */
export const scryptMemory = (N: number, r: number) => 128 * N * r;

/** node:crypto's scrypt options for a parsed fingerprint (maxmem with headroom over the 128·N·r it needs). */
export const scryptOptions = ({ N, r, p }: Pick<ParsedFingerprint, "N" | "r" | "p">) => ({ N, r, p, maxmem: scryptMemory(N, r) + 1024 * 1024 });
