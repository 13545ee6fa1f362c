import "server-only";
import { decryptAccessToken } from "./decrypt-grant";
import { refreshGrant } from "./refresh-grant";

/**
 * Refresh a grant now, because the provider refused its access token, and return the token to use
 * (the same one when there is no refresh token, or it was refreshed moments ago).
 */
export async function refreshedAccessToken(grantId: string): Promise<string> {
  const outcome = await refreshGrant(grantId, { force: true });
  return decryptAccessToken(outcome!.grant);
}
