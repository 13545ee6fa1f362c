import "server-only";
import type { Webhook, WebhookEventType } from "@/lib/schemas/webhooks";
import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
import { DecryptionError } from "../crypto/encryption";
import { openWebhookSecret, secretHint } from "./webhook-secret";

/** The API's view of an endpoint: never the secret, only its last 4 characters. */
export function serializeWebhook(row: WebhookEndpoint): Webhook {
  return {
    id: row.id,
    app_id: row.appId,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    enabled: row.enabled,
    disabled_reason: row.disabledReason === "gone" || row.disabledReason === "failing" ? row.disabledReason : null,
    disabled_at: row.disabledAt?.toISOString() ?? null,
    failing_since: row.failingSince?.toISOString() ?? null,
    secret_hint: hintOf(row),
    previous_secret_expires_at: row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

// A secret whose key was removed still lists (the delivery log says secret_unreadable; rotate to fix).
function hintOf(row: WebhookEndpoint): string {
  try {
    return secretHint(openWebhookSecret(row.id, "secret", row.secret));
  } catch (error) {
    if (error instanceof DecryptionError) return "";
    throw error;
  }
}
