import "server-only";
import { randomUUID } from "node:crypto";
import { WEBHOOK_DISABLE_AFTER_DAYS, WEBHOOK_RESPONSE_EXCERPT_CHARS } from "@/lib/schemas/webhooks";
import { rawQuery, rawTransaction } from "../db/raw-pool";
import { logger } from "../logger";
import { BlockedAddressError, safeFetch } from "../net/safe-fetch";
import { nextRetryAt } from "./retry-schedule";
import { signedHeaders } from "./sign-payload";
import { openWebhookSecret } from "./webhook-secret";

/**
 * A delivery is ours for this long once claimed: the 10 s timeout plus the write, with room. A
 * worker killed mid-POST holds it that long; WEBHOOK_LEASE_SECONDS (at least 12) shortens it.
 */
export const DELIVERY_LEASE_SECONDS = Math.max(12, Number(process.env.WEBHOOK_LEASE_SECONDS) || 30);

/** How many deliveries to one endpoint may be in flight at once, across every process. */
export function perEndpointConcurrency(): number {
  const configured = Number(process.env.WEBHOOK_CONCURRENCY_PER_ENDPOINT);
  return Number.isInteger(configured) && configured > 0 ? configured : 4;
}

export type AttemptOutcome =
  /** Nothing to do: delivered, failed, not due yet, or being attempted by someone else. */
  | { kind: "skipped" }
  /** The endpoint already has its share of deliveries in flight: try again in a moment. */
  | { kind: "busy" }
  | { kind: "delivered"; status: number; durationMs: number }
  | { kind: "retry"; at: Date; status: number | null; error: string | null }
  | { kind: "failed"; status: number | null; error: string | null; disabled: "gone" | "failing" | null };

type Claimed = {
  id: string; event_id: string; endpoint_id: string; attempts: number; url: string; enabled: boolean; app_id: string;
  secret: string; previous_secret: string | null; previous_live: boolean; payload: Record<string, unknown>; event_created_at: Date;
};

/**
 * One attempt at one delivery. The claim (a lease written into the delivery row, granted only while
 * the endpoint has fewer than N in flight) is a short transaction; the POST happens with nothing
 * open; the outcome is written with the lease as proof. Whoever calls this (a pg-boss job, the cron
 * route, the recovery scan) gets the same at-least-once behaviour, and a process killed mid-POST
 * leaves a lease that expires, after which the delivery is attempted again with the same webhook-id.
 */
export async function attemptDelivery(deliveryId: string): Promise<AttemptOutcome> {
  const leaseId = randomUUID();
  const claim = await claimDelivery(deliveryId, leaseId);
  if (claim.kind !== "claimed") return claim;
  const row = claim.row;
  if (!row.enabled) {
    await finish(row, leaseId, { status: "failed", error: "endpoint_disabled", responseStatus: null, excerpt: null, durationMs: 0, nextAt: null, startedAt: new Date() });
    return { kind: "failed", status: null, error: "endpoint_disabled", disabled: null };
  }

  const startedAt = new Date();
  const body = JSON.stringify({ type: row.payload.type, id: row.payload.id, created_at: row.payload.created_at, data: row.payload.data });
  let responseStatus: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  try {
    const secrets = [openWebhookSecret(row.endpoint_id, "secret", row.secret)];
    if (row.previous_secret && row.previous_live) secrets.push(openWebhookSecret(row.endpoint_id, "previous_secret", row.previous_secret));
    const response = await safeFetch(row.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "FiberWise-Webhooks/1.0", ...signedHeaders(row.event_id, body, secrets, startedAt) },
      body,
      truncateBodyBytes: WEBHOOK_RESPONSE_EXCERPT_CHARS * 4,
    });
    responseStatus = response.status;
    excerpt = (await response.text()).slice(0, WEBHOOK_RESPONSE_EXCERPT_CHARS) || null;
  } catch (caught) {
    error = describeFailure(caught);
  }
  const durationMs = Date.now() - startedAt.getTime();
  const attempts = row.attempts + 1;

  if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) {
    await finish(row, leaseId, { status: "delivered", error: null, responseStatus, excerpt, durationMs, nextAt: null, startedAt });
    return { kind: "delivered", status: responseStatus, durationMs };
  }
  error ??= `http_${responseStatus}`;
  if (responseStatus === 410) {
    await finish(row, leaseId, { status: "failed", error, responseStatus, excerpt, durationMs, nextAt: null, startedAt, disable: "gone" });
    return { kind: "failed", status: responseStatus, error, disabled: "gone" };
  }
  const nextAt = nextRetryAt(attempts, row.event_created_at);
  const disabled = await finish(row, leaseId, { status: nextAt ? "pending" : "failed", error, responseStatus, excerpt, durationMs, nextAt, startedAt });
  if (disabled) return { kind: "failed", status: responseStatus, error, disabled: "failing" };
  return nextAt ? { kind: "retry", at: nextAt, status: responseStatus, error } : { kind: "failed", status: responseStatus, error, disabled: null };
}

function describeFailure(error: unknown): string {
  if (error instanceof BlockedAddressError) return `blocked_address: ${error.message}`.slice(0, 300);
  const e = error as Error & { code?: string; cause?: { code?: string } };
  if (e?.name === "TimeoutError") return "timeout";
  if (e?.name === "DecryptionError") return "secret_unreadable";
  const code = e?.code ?? e?.cause?.code;
  return (code ? `connection_failed: ${code}` : `connection_failed: ${e?.message ?? "unknown"}`).slice(0, 300);
}

async function claimDelivery(deliveryId: string, leaseId: string): Promise<{ kind: "claimed"; row: Claimed } | { kind: "skipped" } | { kind: "busy" }> {
  const limit = perEndpointConcurrency();
  return rawTransaction(async (query) => {
    // The endpoint row is the lock that serialises claims for one endpoint (a fresh statement after
    // it sees every claim committed before it), so "fewer than N in flight" holds across processes.
    const [target] = await query<{ endpoint_id: string }>(
      `SELECT e.id AS endpoint_id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.id = $1 AND d.status = 'pending' AND d.next_attempt_at <= now() + interval '1 second'
          AND (d.lease_until IS NULL OR d.lease_until < now())
        FOR UPDATE OF e`,
      [deliveryId],
    );
    if (!target) return { kind: "skipped" as const };
    // A fresh statement (READ COMMITTED: a new snapshot) counts what is in flight and claims if
    // there is room.
    const [row] = await query<Claimed>(
      `UPDATE webhook_deliveries d SET lease_id = $2, lease_until = now() + make_interval(secs => $3), updated_at = now()
         FROM webhook_endpoints e, webhook_events ev
        WHERE d.id = $1 AND e.id = d.endpoint_id AND ev.id = d.event_id AND d.status = 'pending'
          AND (d.lease_until IS NULL OR d.lease_until < now())
          AND (SELECT count(*) FROM webhook_deliveries f WHERE f.endpoint_id = e.id AND f.status = 'pending' AND f.lease_until > now()) < $4
       RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, e.url, e.enabled, e.app_id, e.secret, e.previous_secret,
                 (e.previous_secret_expires_at IS NOT NULL AND e.previous_secret_expires_at > now()) AS previous_live,
                 ev.payload, ev.created_at AS event_created_at`,
      [deliveryId, leaseId, DELIVERY_LEASE_SECONDS, limit],
    );
    if (!row) return { kind: "busy" as const };
    return { kind: "claimed" as const, row };
  });
}

type Finish = {
  status: "pending" | "delivered" | "failed";
  error: string | null;
  responseStatus: number | null;
  excerpt: string | null;
  durationMs: number;
  nextAt: Date | null;
  startedAt: Date;
  disable?: "gone";
};

/**
 * Record the attempt and the delivery's new state, and keep the endpoint's health: a delivery clears
 * failing_since; a failure starts it, and one that has lasted WEBHOOK_DISABLE_AFTER_DAYS (or a 410)
 * disables the endpoint, with an audit event. Returns whether this write disabled the endpoint.
 */
async function finish(row: Claimed, leaseId: string, f: Finish): Promise<boolean> {
  const attempt = row.attempts + 1;
  const excerpt = f.excerpt ? f.excerpt.replace(/\u0000/g, "") : null;
  const params = [row.id, leaseId, f.status, attempt, f.startedAt, f.durationMs, f.responseStatus, excerpt, f.error, f.nextAt];
  const attemptAndDelivery = `
    a AS (
      INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, response_status, response_excerpt, error, next_retry_at)
      VALUES ($1, $4, $5, $6, $7, $8, $9, $10)
    ), d AS (
      UPDATE webhook_deliveries SET status = $3, attempts = $4, next_attempt_at = COALESCE($10, next_attempt_at), last_status = $7, last_error = $9,
             delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END, lease_id = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND lease_id = $2
      RETURNING endpoint_id
    )`;
  if (f.status === "delivered" || f.error === "endpoint_disabled") {
    // The common case in one statement: the attempt, the delivery and the endpoint's health.
    const rows = await rawQuery<{ endpoint_id: string }>(
      `WITH ${attemptAndDelivery},
            e AS (UPDATE webhook_endpoints SET failing_since = NULL WHERE id IN (SELECT endpoint_id FROM d) AND failing_since IS NOT NULL AND $3 = 'delivered')
       SELECT endpoint_id FROM d`,
      params,
      { name: "webhook-attempt-delivered" },
    );
    if (!rows.length) logger.warn({ deliveryId: row.id }, "webhook delivery lease lost before its outcome was written");
    return false;
  }
  return rawTransaction(async (query) => {
    const rows = await query<{ endpoint_id: string }>(`WITH ${attemptAndDelivery} SELECT endpoint_id FROM d`, params);
    if (!rows.length) logger.warn({ deliveryId: row.id }, "webhook delivery lease lost before its outcome was written");
    const [endpoint] = await query<{ enabled: boolean; failing_long: boolean }>(
      `SELECT enabled, (failing_since IS NOT NULL AND failing_since < now() - make_interval(days => $2)) AS failing_long
         FROM webhook_endpoints WHERE id = $1 FOR UPDATE`,
      [row.endpoint_id, WEBHOOK_DISABLE_AFTER_DAYS],
    );
    const reason = f.disable ?? (endpoint?.failing_long ? "failing" : null);
    const disabling = !!endpoint?.enabled && !!reason;
    await query(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, now()),
              enabled = CASE WHEN $2::text IS NULL THEN enabled ELSE false END,
              disabled_reason = COALESCE($2::text, disabled_reason), disabled_at = CASE WHEN $2::text IS NULL THEN disabled_at ELSE now() END,
              updated_at = CASE WHEN $2::text IS NULL THEN updated_at ELSE now() END
        WHERE id = $1`,
      [row.endpoint_id, disabling ? reason : null],
    );
    if (!disabling) return false;
    // Disabled now: what was still waiting for this endpoint will not be attempted.
    await query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint_disabled', updated_at = now() WHERE endpoint_id = $1 AND status = 'pending' AND lease_until IS NULL`,
      [row.endpoint_id],
    );
    await query(
      `INSERT INTO oauth_events (event_type, outcome, app_id, details) VALUES ('webhook.disabled', 'failure', $1, $2::jsonb)`,
      [row.app_id, JSON.stringify({ webhook_id: row.endpoint_id, reason, last_status: f.responseStatus, last_error: f.error })],
    );
    logger.warn({ webhookId: row.endpoint_id, reason }, "webhook endpoint disabled");
    return true;
  });
}
