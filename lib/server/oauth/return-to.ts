import "server-only";
import { safeLocalPath } from "../../schemas/redirects";

export const DEFAULT_RETURN_TO = "/settings/oauth-authenticators?tab=connections";

/** Where the connect flow may send the browser back to: the platform's one safe-path rule, with the Connections tab as fallback. */
export function safeReturnTo(value: string | null | undefined, origin: string, fallback = DEFAULT_RETURN_TO): string {
  return safeLocalPath(value, origin, fallback);
}
