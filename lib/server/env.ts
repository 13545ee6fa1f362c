import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Thrown when the process is not configured well enough to start; the message says what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export const isProduction = () => process.env.NODE_ENV === "production";

export const dataDir = () => path.resolve(/* turbopackIgnore: true */ process.env.FIBERWISE_DATA_DIR ?? ".data");

const devSecretsSchema = z.object({
  encryptionKeys: z.string().min(1),
  nextAuthSecret: z.string().min(32),
});

type DevSecrets = z.infer<typeof devSecretsSchema>;

let devSecrets: DevSecrets | undefined;

/**
 * Outside production, secrets that are not set are generated once into .data/dev-secrets.json
 * (mode 0600) so that `npm run dev` works on a fresh machine and survives restarts. Production
 * never takes this path: a missing secret there is a ConfigError.
 */
export function loadDevSecrets(): DevSecrets {
  if (devSecrets) return devSecrets;
  const file = path.join(dataDir(), "dev-secrets.json");
  if (existsSync(file)) {
    devSecrets = devSecretsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    return devSecrets;
  }
  mkdirSync(dataDir(), { recursive: true });
  devSecrets = {
    encryptionKeys: `dev1:${randomBytes(32).toString("base64")}`,
    nextAuthSecret: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(devSecrets, null, 2) + "\n", { mode: 0o600 });
  // Plain text on stderr, not a JSON log line: a person starting `npm run dev` must notice it.
  console.warn(
    [
      "",
      "⚠  FiberWise generated development secrets (an encryption key and NEXTAUTH_SECRET)",
      `   in ${file}, because FIBERWISE_ENCRYPTION_KEYS and NEXTAUTH_SECRET are not set.`,
      "   They are for local development only. Keep this file: tokens stored with its key",
      "   cannot be decrypted without it. In production set both variables yourself.",
      "",
    ].join("\n"),
  );
  return devSecrets;
}

/** The raw FIBERWISE_ENCRYPTION_KEYS value (development falls back to generated keys). */
export function encryptionKeysSetting(): string {
  const value = process.env.FIBERWISE_ENCRYPTION_KEYS?.trim();
  if (value) return value;
  if (isProduction()) {
    throw new ConfigError(
      "FIBERWISE_ENCRYPTION_KEYS is not set. Set it to one or more comma-separated id:base64key entries, " +
        'each key 32 random bytes, e.g. FIBERWISE_ENCRYPTION_KEYS="k1:$(openssl rand -base64 32)".',
    );
  }
  return loadDevSecrets().encryptionKeys;
}

export function nextAuthSecret(): string {
  const value = process.env.NEXTAUTH_SECRET?.trim();
  if (value) return value;
  if (isProduction()) {
    throw new ConfigError('NEXTAUTH_SECRET is not set. Set it to a long random string, e.g. "$(openssl rand -base64 32)".');
  }
  return loadDevSecrets().nextAuthSecret;
}

/** The public origin of this platform, used for redirect URIs and links. */
export function appUrl(): string {
  const value = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return value.replace(/\/+$/, "");
}
