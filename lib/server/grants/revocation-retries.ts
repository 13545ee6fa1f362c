import "server-only";
import type { DeliveryRun, RevocationRetryOutcome } from "../../schemas/cron";
import { randomUUID } from "node:crypto";
import type { OAuthAuthenticator } from "../../generated/prisma/client";
import type { Tx } from "../db/client";
import { getPrisma } from "../db/client";
import { decryptSecret, encryptSecret } from "../crypto/encryption";
import { rawQuery } from "../db/raw-pool";
import { logger } from "../logger";
import { providerSettings } from "../oauth/provider-settings";
import { revokeAtProvider, type RevocationResult } from "./revoke-at-provider";

/** Retries wait 1 min, then 3× longer each time (capped at 6 h), for up to 3 days. */
const FIRST_RETRY_SECONDS = 60;
const MAX_RETRY_SECONDS = 6 * 3600;
const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;
const LEASE_SECONDS = 60;

export type FailedRevocation = {
  appId: string;
  authenticatorId: string;
  subjectUserId: number | null;
  accessToken: string;
  refreshToken: string | null;
  error: string;
};

/** Is this failure worth retrying? (An unreadable secret will not become readable.) */
export function retryable(result: RevocationResult): boolean {
  return result.startsWith("failed:") && result !== "failed: secret_unreadable";
}

const sealCtx = (id: string) => ({ table: "pending_revocations", rowId: id, field: "token" });

/**
 * Keep the tokens of revocations the provider did not confirm, encrypted, for the retry queue. Call
 * it in the transaction that deletes the grant, so they are kept exactly when the grant goes.
 */
export async function savePendingRevocations(tx: Tx, failed: FailedRevocation[]): Promise<number> {
  for (const f of failed) {
    const id = randomUUID();
    const sealed = encryptSecret(JSON.stringify({ access_token: f.accessToken, refresh_token: f.refreshToken }), sealCtx(id));
    await tx.pendingRevocation.create({
      data: {
        id, appId: f.appId, authenticatorId: f.authenticatorId, subjectUserId: f.subjectUserId, token: sealed.ciphertext,
        tokenTypeHint: f.refreshToken ? "refresh_token" : "access_token", encryptionKeyId: sealed.keyId,
        nextAttemptAt: new Date(Date.now() + FIRST_RETRY_SECONDS * 1000), lastError: f.error.slice(0, 300),
      },
    });
  }
  return failed.length;
}

type Claimed = { id: string; app_id: string; authenticator_id: string; subject_user_id: number | null; token: string; attempts: number; created_at: Date };

/** Revocations due for another try (not leased). */
export async function dueRevocations(limit: number): Promise<string[]> {
  const rows = await rawQuery<{ id: string }>(
    `SELECT id FROM pending_revocations WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/**
 * One more try at one pending revocation: claim it with a lease, call the provider with nothing
 * open, then delete the row (confirmed, or given up after 3 days) or schedule the next try. The
 * event log records when the provider finally confirmed (token.revocation_confirmed).
 */
export async function retryRevocation(id: string): Promise<RevocationRetryOutcome> {
  const [row] = await rawQuery<Claimed>(
    `UPDATE pending_revocations SET lease_until = now() + make_interval(secs => $2)
      WHERE id = $1 AND next_attempt_at <= now() + interval '1 second' AND (lease_until IS NULL OR lease_until < now())
     RETURNING id, app_id, authenticator_id, subject_user_id, token, attempts, created_at`,
    [id, LEASE_SECONDS],
  );
  if (!row) return "skipped";
  const authenticator = await getPrisma().oAuthAuthenticator.findUnique({ where: { authenticatorId: row.authenticator_id } });
  let result: RevocationResult;
  try {
    const tokens = JSON.parse(decryptSecret(row.token, sealCtx(row.id))) as { access_token: string; refresh_token: string | null };
    result = authenticator
      ? await revokeAtProvider(providerSettings(authenticator as OAuthAuthenticator), { accessToken: tokens.access_token, refreshToken: tokens.refresh_token })
      : "failed: authenticator_deleted";
  } catch {
    result = "failed: secret_unreadable";
  }
  const attempts = row.attempts + 1;
  const base = { appId: row.app_id, authenticatorId: row.authenticator_id, subjectUserId: row.subject_user_id, provider: authenticator?.authenticatorType ?? null };
  const firstFailedAt = row.created_at.toISOString();
  if (!retryable(result) || Date.now() - row.created_at.getTime() > GIVE_UP_AFTER_MS) {
    const confirmed = result === "revoked" || result === "not_supported";
    await getPrisma().$transaction(async (tx) => {
      await tx.pendingRevocation.delete({ where: { id: row.id } });
      await tx.oAuthEvent.create({
        data: {
          eventType: confirmed ? "token.revocation_confirmed" : "token.revocation_abandoned", outcome: confirmed ? "success" : "failure", ...base,
          details: { attempts, first_failed_at: firstFailedAt, ...(confirmed ? {} : { last_error: result }) },
        },
      });
    });
    if (!confirmed) logger.warn({ authenticatorId: row.authenticator_id, attempts }, "gave up revoking tokens at the provider");
    return confirmed ? "confirmed" : "abandoned";
  }
  const wait = Math.min(FIRST_RETRY_SECONDS * 3 ** (attempts - 1), MAX_RETRY_SECONDS) * (0.8 + Math.random() * 0.4);
  await rawQuery(
    `UPDATE pending_revocations SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4), lease_until = NULL WHERE id = $1`,
    [row.id, attempts, result.slice(0, 300), wait],
  );
  return "retry";
}

/** Retry every due revocation once, one at a time (the cron route and the embedded database's scan). */
export async function retryDueRevocations(limit = 50): Promise<DeliveryRun["revocations"]> {
  const counts = { confirmed: 0, retry: 0, abandoned: 0, skipped: 0 };
  for (const id of await dueRevocations(limit)) counts[await retryRevocation(id)]++;
  return counts;
}
