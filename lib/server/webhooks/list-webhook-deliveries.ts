import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListDeliveriesQuery, WebhookDelivery, WebhookEventType } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { ValidationError } from "../errors";
import { findWebhookRow } from "./find-webhook-row";

type Cursor = { createdAt: Date; id: string };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(whd_[0-9a-f]{32})$/;

/** created_at|id of a page's last delivery; anything else is a 422 before any query. */
export function parseDeliveryCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  const match = CURSOR.exec(raw);
  const createdAt = match ? new Date(match[1]!) : null;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime())) {
    throw new ValidationError("cursor is not one this API returned", [{ path: "query.cursor", message: "Use next_cursor from the previous page" }], "invalid_cursor");
  }
  return { createdAt, id: match[2]! };
}

/**
 * One endpoint's delivery log, newest first: each delivery with the event's payload (what was
 * signed and sent) and every attempt (status, duration, response excerpt, next retry). Never a secret.
 */
export async function listWebhookDeliveries({ ctx, input }: { ctx: AuthedContext; input: { webhookId: string; query: ListDeliveriesQuery } }): Promise<{ data: WebhookDelivery[]; next_cursor: string | null }> {
  requireScope(ctx, "webhooks:read");
  const { query } = input;
  const cursor = parseDeliveryCursor(query.cursor);
  const endpoint = await findWebhookRow(getPrisma(), ctx, input.webhookId);
  const where: Prisma.WebhookDeliveryWhereInput = {
    endpointId: endpoint.id,
    ...(query.status ? { status: query.status } : {}),
    ...(query.event_type ? { event: { eventType: query.event_type } } : {}),
    ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
  };
  const rows = await getPrisma().webhookDelivery.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { event: true, attemptsLog: { orderBy: [{ attempt: "asc" }, { id: "asc" }] } },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      id: row.id,
      event_id: row.eventId,
      event_type: row.event.eventType as WebhookEventType,
      status: row.status as WebhookDelivery["status"],
      attempts: row.attempts,
      next_attempt_at: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
      last_status: row.lastStatus,
      delivered_at: row.deliveredAt?.toISOString() ?? null,
      created_at: row.createdAt.toISOString(),
      payload: row.event.payload as Record<string, unknown>,
      attempt_log: row.attemptsLog.map((a) => ({
        attempt: a.attempt,
        started_at: a.startedAt.toISOString(),
        duration_ms: a.durationMs,
        response_status: a.responseStatus,
        response_excerpt: a.responseExcerpt,
        error: a.error,
        next_retry_at: a.nextRetryAt?.toISOString() ?? null,
      })),
    })),
    next_cursor: rows.length > query.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}
