import "server-only";
import { randomBytes } from "node:crypto";
import { WEBHOOK_SECRET_PREFIX } from "@/lib/schemas/webhooks";
import { decryptSecret, encryptSecret } from "../crypto/encryption";

/** A new signing secret in the Standard Webhooks format: whsec_ + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString("base64");
}

type SecretField = "secret" | "previous_secret";

export function sealWebhookSecret(endpointId: string, field: SecretField, secret: string): { ciphertext: string; keyId: string } {
  return encryptSecret(secret, { table: "webhook_endpoints", rowId: endpointId, field });
}

export function openWebhookSecret(endpointId: string, field: SecretField, ciphertext: string): string {
  return decryptSecret(ciphertext, { table: "webhook_endpoints", rowId: endpointId, field });
}

/** The last 4 characters of a secret: enough to tell two apart, never enough to sign. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
