import "server-only";
import { ValidationError } from "../errors";
import { checkProviderUrl } from "../net/check-provider-url";

/**
 * A receiver URL follows the provider URL policy (https; http only for loopback where loopback
 * providers are allowed; no credentials; never private, link-local or metadata addresses). Deliveries
 * check every resolved address again at connect time (safe-fetch), so DNS rebinding gains nothing.
 */
export async function checkWebhookUrl(url: string): Promise<string> {
  const check = await checkProviderUrl(url);
  if (!check.ok) {
    const message = `url ${check.reason}`;
    throw new ValidationError(message, [{ path: "url", message, code: "invalid_webhook_url" }], "invalid_webhook_url");
  }
  return url;
}
