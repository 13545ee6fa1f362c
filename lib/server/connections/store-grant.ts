import "server-only";
import { randomUUID } from "node:crypto";
import type * as oauth from "oauth4webapi";
import type { Tx } from "../db/client";
import { encryptSecret } from "../crypto/encryption";
import { enqueueConnectionEvent } from "../webhooks/enqueue-event";

export type StoreGrantInput = {
  userId: number;
  appId: string;
  authenticatorId: string;
  tokens: oauth.TokenEndpointResponse;
  grantedScopes: string[];
  status: "active" | "insufficient_scopes";
  statusReason: string | null;
};

/**
 * Save a new grant (tokens encrypted, bound to this grant row) and point the user's connection at
 * it. Reconnecting replaces the old grant: the connection is repointed first, then the old grant
 * row is deleted, in the caller's transaction, with its webhook event (connection.created, or
 * .reconnected for a connection that was live, or .insufficient_scopes).
 */
export async function storeGrant(tx: Tx, input: StoreGrantInput): Promise<{ grantId: string; webhookEventId: string | null }> {
  const grantId = randomUUID();
  const seal = (value: string | undefined, field: string) =>
    value ? encryptSecret(value, { table: "oauth_token_grants", rowId: grantId, field }) : null;
  const access = seal(input.tokens.access_token, "access_token")!;
  const refresh = seal(input.tokens.refresh_token, "refresh_token");
  const idToken = seal(input.tokens.id_token, "id_token");
  await tx.oAuthTokenGrant.create({
    data: {
      grantId,
      userId: input.userId,
      appId: input.appId,
      authenticatorId: input.authenticatorId,
      accessToken: access.ciphertext,
      refreshToken: refresh?.ciphertext ?? null,
      idToken: idToken?.ciphertext ?? null,
      encryptionKeyId: access.keyId,
      tokenType: String(input.tokens.token_type ?? "bearer").toLowerCase() === "bearer" ? "Bearer" : String(input.tokens.token_type),
      expiresAt: typeof input.tokens.expires_in === "number" ? new Date(Date.now() + input.tokens.expires_in * 1000) : null,
      scopes: input.grantedScopes,
      status: input.status,
      lastRefreshedAt: new Date(),
    },
  });
  const key = { userId_appId_authenticatorId: { userId: input.userId, appId: input.appId, authenticatorId: input.authenticatorId } };
  const existing = await tx.userAppOAuthAuthentication.findUnique({ where: key });
  const connection = {
    grantId,
    authStatus: input.status,
    statusReason: input.statusReason,
    isActive: true,
    lastUsedAt: new Date(),
  };
  if (existing) {
    await tx.userAppOAuthAuthentication.update({ where: key, data: connection });
    if (existing.grantId) await tx.oAuthTokenGrant.delete({ where: { grantId: existing.grantId } });
  } else {
    await tx.userAppOAuthAuthentication.create({
      data: { authId: randomUUID(), userId: input.userId, appId: input.appId, authenticatorId: input.authenticatorId, ...connection },
    });
  }
  const live = existing && existing.authStatus !== "revoked";
  const webhookEventId = await enqueueConnectionEvent(tx, {
    type: input.status === "insufficient_scopes" ? "connection.insufficient_scopes" : live ? "connection.reconnected" : "connection.created",
    appId: input.appId, authenticatorId: input.authenticatorId, userId: input.userId,
    status: input.status, statusReason: input.statusReason, scopes: input.grantedScopes,
  });
  return { grantId, webhookEventId };
}
