import "server-only";
import { WEBHOOK_SECRET_OVERLAP_HOURS, type WebhookWithSecret } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { DecryptionError } from "../crypto/encryption";
import { getPrisma } from "../db/client";
import { findWebhookRow } from "./find-webhook-row";
import { serializeWebhook } from "./serialize-webhook";
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./webhook-secret";

/**
 * A new signing secret, shown in this answer only. The current one becomes the previous secret and
 * keeps signing beside it (two v1 signatures per delivery) for WEBHOOK_SECRET_OVERLAP_HOURS, so the
 * receiver can switch without dropping a delivery. Rotating again inside the overlap retires the
 * older secret at once: only the one being replaced stays live.
 */
export async function rotateWebhookSecret({ ctx, input }: { ctx: AuthedContext; input: { webhookId: string } }): Promise<WebhookWithSecret> {
  requireScope(ctx, "webhooks:write");
  const secret = newWebhookSecret();
  return getPrisma().$transaction(async (tx) => {
    const current = await findWebhookRow(tx, ctx, input.webhookId, { forUpdate: true });
    const sealed = sealWebhookSecret(current.id, "secret", secret);
    // Re-sealed under the current key (bound to its new column): one encryption_key_id describes both columns of the row.
    const readable = readableSecret(current.id, current.secret);
    const previous = readable === null ? null : sealWebhookSecret(current.id, "previous_secret", readable);
    const row = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        secret: sealed.ciphertext, previousSecret: previous?.ciphertext ?? null, encryptionKeyId: sealed.keyId,
        previousSecretExpiresAt: previous ? new Date(Date.now() + WEBHOOK_SECRET_OVERLAP_HOURS * 3600_000) : null,
      },
    });
    await recordEvent(tx, ctx, {
      type: "webhook.secret_rotated", appId: row.appId,
      details: { webhook_id: row.id, previous_secret_expires_at: row.previousSecretExpiresAt?.toISOString() ?? null, previous_secret_unreadable: readable === null },
    });
    return { ...serializeWebhook(row), secret };
  });
}

// Rotating is also the way out of a secret that no longer decrypts (its key removed): then there is no overlap.
function readableSecret(endpointId: string, ciphertext: string): string | null {
  try {
    return openWebhookSecret(endpointId, "secret", ciphertext);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}
