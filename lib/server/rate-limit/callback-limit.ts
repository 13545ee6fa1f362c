import "server-only";
import { hit, refund } from "./limit";

/** Where completeConnection sends a callback whose `state` failed its checks (see its contract). */
const STATE_REFUSED = "/oauth/error";

/**
 * The OAuth callback is public and every hit writes an event row. Each hit consumes a point of its
 * IP's limit first (atomic, so a flood cannot outrun it); a callback whose state passed its checks
 * is a real flow and gives the point back. So the limit counts refused states (forged, replayed,
 * expired), and a browser finishing real connections is never limited.
 */
export async function withCallbackLimit(ip: string | null, complete: () => Promise<{ location: string }>): Promise<{ location: string }> {
  await hit("callback_failures_ip", ip);
  const result = await complete();
  if (!result.location.startsWith(STATE_REFUSED)) await refund("callback_failures_ip", ip);
  return result;
}
