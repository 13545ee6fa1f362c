import "server-only";
import { Webhook } from "standardwebhooks";

/**
 * The Standard Webhooks headers for one delivery. During a rotation's overlap the signature header
 * carries one v1 signature per secret (space-separated, as the specification allows), so receivers
 * holding either secret verify it.
 */
export function signedHeaders(eventId: string, body: string, secrets: string[], at = new Date()): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(eventId, at, body));
  return {
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
