import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { resolveValidToken, type ConnectionToken, type TokenRequest } from "./resolve-valid-token";
import { countTokenServed } from "./token-usage";

export type { ConnectionToken, TokenRequest } from "./resolve-valid-token";

/**
 * A valid access token for the caller's connection, or (for owners) a member's, or (for owners and
 * developers) one of the app's end users': refreshed first
 * when it expires within the provider's window. The hot path is one indexed read and one decrypt;
 * writes happen only when refreshing or, at most once a minute, for last_used_at. The rules it
 * applies (app access, servable statuses, refresh window) are the policy modules the token fast
 * path applies too.
 */
export async function getConnectionToken({ ctx, input }: { ctx: AuthedContext; input: TokenRequest }): Promise<ConnectionToken> {
  requireScope(ctx, "tokens:read");
  const valid = await resolveValidToken(ctx, input);
  countTokenServed(valid.appId, input.authenticatorId);
  return valid.token;
}
