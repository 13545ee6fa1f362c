import "server-only";
import type { ConnectionEventData, WebhookEventType } from "@/lib/schemas/webhooks";
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

export type DeletedBy = NonNullable<ConnectionEventData["deleted_by"]>;

/**
 * connection.deleted for every live connection matching the filter (one, a member's, an end user's,
 * an authenticator's), in one statement. Call it before the rows go: the event reads them.
 */
export async function enqueueConnectionsDeleted(
  tx: Tx,
  filter: { authId: string } | { appId: string; userId: number } | { authenticatorId: string },
  deletedBy: DeletedBy,
  reason: string,
): Promise<string[]> {
  const [where, params] =
    "authId" in filter ? ["c.auth_id = $3", [filter.authId]]
    : "authenticatorId" in filter ? ["c.authenticator_id = $3", [filter.authenticatorId]]
    : ["c.app_id = $3 AND c.user_id = $4", [filter.appId, filter.userId]];
  const rows = await tx.$queryRawUnsafe<Array<{ id: string | null }>>(
    `SELECT fw_enqueue_connection_event('connection.deleted', c.app_id, c.authenticator_id, c.user_id, 'revoked', $1,
              COALESCE(g.scopes, '[]'::jsonb), jsonb_build_object('deleted_by', $2::text)) AS id
       FROM user_app_oauth_authentications c LEFT JOIN oauth_token_grants g ON g.grant_id = c.grant_id
      WHERE ${where} AND c.auth_status <> 'revoked'
        AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.app_id = c.app_id AND e.enabled)`,
    reason, deletedBy, ...params,
  );
  return rows.map((r) => r.id).filter((id): id is string => !!id);
}
