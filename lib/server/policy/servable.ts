import "server-only";
/**
 * The one rule for "may this connection's token be handed out": the connection is active (or
 * connected with fewer scopes than asked, which is still a working token) and its grant exists and
 * was not revoked. Everything else (needs_reauth, revoked, a missing grant) means the user must
 * connect again.
 */
export const SERVABLE_CONNECTION_STATUSES: readonly string[] = ["active", "insufficient_scopes"];

export type ServableInput = {
  connectionStatus: string;
  grant: { status: string; isRevoked: boolean } | null;
};

export function isServable({ connectionStatus, grant }: ServableInput): boolean {
  return !!grant && SERVABLE_CONNECTION_STATUSES.includes(connectionStatus) && grant.status !== "revoked" && !grant.isRevoked;
}

/** Grant statuses the refresh sweep keeps fresh (the grant side of the same rule). */
export const REFRESHABLE_GRANT_STATUSES: readonly string[] = ["active", "insufficient_scopes"];
