import "server-only";
import type { WebhookEventType } from "@/lib/schemas/webhooks";
import type { Tx } from "../db/client";

/**
 * Write a webhook event (and a pending delivery per subscribed endpoint) inside the caller's
 * transaction, so the event exists if and only if the change it describes does. Fan-out lives in
 * one place, the SQL function fw_enqueue_webhook_event, which the refresh path's single-statement
 * writes call too. Returns the event id, or null when no endpoint wants it.
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  event: { appId: string; type: WebhookEventType; data: Record<string, unknown>; endpointId?: string },
): Promise<string | null> {
  const [row] = await tx.$queryRawUnsafe<Array<{ id: string | null }>>(
    "SELECT fw_enqueue_webhook_event($1, $2, $3::jsonb, $4) AS id",
    event.appId, event.type, JSON.stringify(event.data), event.endpointId ?? null,
  );
  return row?.id ?? null;
}

export type ConnectionEvent = {
  type: Exclude<WebhookEventType, "webhook.test">;
  appId: string;
  authenticatorId: string;
  userId: number;
  status: string;
  statusReason: string | null;
  scopes: string[];
  extra?: Record<string, unknown>;
};

/** A connection.* event, its data built by fw_enqueue_connection_event (end_user_id or user_id, authenticator type). */
export async function enqueueConnectionEvent(tx: Tx, event: ConnectionEvent): Promise<string | null> {
  const [row] = await tx.$queryRawUnsafe<Array<{ id: string | null }>>(
    "SELECT fw_enqueue_connection_event($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) AS id",
    event.type, event.appId, event.authenticatorId, event.userId, event.status, event.statusReason,
    JSON.stringify(event.scopes), JSON.stringify(event.extra ?? {}),
  );
  return row?.id ?? null;
}
