import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db/client";
import { providerSettings } from "../oauth/provider-settings";
import { decryptAccessToken, decryptRefreshToken } from "./decrypt-grant";
import { DecryptionError } from "../crypto/encryption";
import { revokeAtProvider, type RevocationResult } from "./revoke-at-provider";
import { retryable, type FailedRevocation } from "./revocation-retries";

export type RevocationSummary = { revoked: number; failed: number; not_supported: number };

type StoredGrant = { grantId: string; appId: string; authenticatorId: string; userId: number; accessToken: string; refreshToken: string | null };

/**
 * Revoke one stored grant at its provider. Never throws: a secret that no longer decrypts (the
 * client secret, or the tokens) is reported as `failed: secret_unreadable`, and the caller removes
 * the tokens locally anyway.
 */
export async function revokeStoredGrant(
  authenticator: Parameters<typeof providerSettings>[0],
  grant: StoredGrant,
): Promise<{ result: RevocationResult; retry: FailedRevocation | null }> {
  let tokens: { accessToken: string; refreshToken: string | null };
  try {
    tokens = { accessToken: decryptAccessToken(grant), refreshToken: decryptRefreshToken(grant) };
  } catch (error) {
    return { result: error instanceof DecryptionError ? "failed: secret_unreadable" : "failed: error", retry: null };
  }
  let result: RevocationResult;
  try {
    result = await revokeAtProvider(providerSettings(authenticator), tokens);
  } catch (error) {
    result = error instanceof DecryptionError ? "failed: secret_unreadable" : "failed: error";
  }
  // Tokens the provider did not confirm revoking go to the retry queue (revocation-retries.ts);
  // the caller saves them in the transaction that deletes the grant.
  const retry = retryable(result)
    ? { appId: grant.appId, authenticatorId: grant.authenticatorId, subjectUserId: grant.userId, ...tokens, error: result }
    : null;
  return { result, retry };
}

/**
 * Best-effort revocation at the provider of every grant matching `where`, a few at a time, before
 * an app, authenticator, member or end user (and with it the grants) is removed. Never throws:
 * deletion goes ahead; `retry` lists what the provider did not confirm (for savePendingRevocations).
 */
export async function revokeGrantsAtProvider(
  where: Prisma.OAuthTokenGrantWhereInput,
  concurrency = 4,
): Promise<{ summary: RevocationSummary; retry: FailedRevocation[] }> {
  const grants = await getPrisma().oAuthTokenGrant.findMany({ where: { ...where, isRevoked: false }, include: { authenticator: true } });
  const summary: RevocationSummary = { revoked: 0, failed: 0, not_supported: 0 };
  const retry: FailedRevocation[] = [];
  const queue = [...grants];
  const worker = async () => {
    for (let grant = queue.shift(); grant; grant = queue.shift()) {
      const outcome = await revokeStoredGrant(grant.authenticator, grant);
      if (outcome.result === "revoked") summary.revoked++;
      else if (outcome.result === "not_supported") summary.not_supported++;
      else summary.failed++;
      if (outcome.retry) retry.push(outcome.retry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return { summary, retry };
}
