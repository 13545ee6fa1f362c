import type { Prisma } from "../../generated/prisma/client";
import { getPrisma } from "../db/client";
import { providerSettings } from "../oauth/provider-settings";
import { decryptAccessToken, decryptRefreshToken } from "./decrypt-grant";
import { DecryptionError } from "../crypto/encryption";
import { revokeAtProvider, type RevocationResult } from "./revoke-at-provider";

export type RevocationSummary = { revoked: number; failed: number; not_supported: number };

/**
 * Best-effort revocation at the provider of every grant matching `where`, a few at a time, before
 * an app or authenticator (and with it the grants) is deleted. Never throws: deletion goes ahead.
 */
/**
 * Revoke one stored grant at its provider. Never throws: a secret that no longer decrypts (the
 * client secret, or the tokens) is reported as `failed: secret_unreadable`, and the caller removes
 * the tokens locally anyway.
 */
export async function revokeStoredGrant(
  authenticator: Parameters<typeof providerSettings>[0],
  grant: { grantId: string; accessToken: string; refreshToken: string | null },
): Promise<RevocationResult> {
  try {
    return await revokeAtProvider(providerSettings(authenticator), { accessToken: decryptAccessToken(grant), refreshToken: decryptRefreshToken(grant) });
  } catch (error) {
    return error instanceof DecryptionError ? "failed: secret_unreadable" : "failed: error";
  }
}

export async function revokeGrantsAtProvider(where: Prisma.OAuthTokenGrantWhereInput, concurrency = 4): Promise<RevocationSummary> {
  const grants = await getPrisma().oAuthTokenGrant.findMany({ where: { ...where, isRevoked: false }, include: { authenticator: true } });
  const summary: RevocationSummary = { revoked: 0, failed: 0, not_supported: 0 };
  const queue = [...grants];
  const worker = async () => {
    for (let grant = queue.shift(); grant; grant = queue.shift()) {
      const result = await revokeStoredGrant(grant.authenticator, grant);
      if (result === "revoked") summary.revoked++;
      else if (result === "not_supported") summary.not_supported++;
      else summary.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return summary;
}
