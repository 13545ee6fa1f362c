import { WEBHOOK_DISABLED_REASONS, type Webhook } from "@/lib/schemas/webhooks";

export const WEBHOOKS_PATH = "/settings/webhooks";

export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");

/** Why an endpoint is not receiving, in words; null while it is enabled. */
export function disabledText(webhook: Webhook): string | null {
  if (webhook.enabled) return null;
  return webhook.disabled_reason ? `FiberWise disabled this endpoint: ${WEBHOOK_DISABLED_REASONS[webhook.disabled_reason]}.` : "Disabled: it receives no events until you enable it.";
}
