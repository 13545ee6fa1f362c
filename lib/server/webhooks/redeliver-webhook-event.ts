import "server-only";
import { randomUUID } from "node:crypto";
import type { WebhookRedeliverResult } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { NotFoundError } from "../errors";
import { findWebhookRow } from "./find-webhook-row";
import { webhookDisabled } from "./send-test-webhook";
import { wakeDeliveries } from "./webhook-queue";

/**
 * Send one event to one endpoint again: its delivery goes back to pending, due now, with no lease
 * (a delivery in flight loses its lease, so its outcome is not written over this one). An endpoint
 * that never had the event (it subscribed later, or was added after it) gets a delivery now. The
 * same webhook-id is sent, so receivers that de-duplicate see it as the same event.
 */
export async function redeliverWebhookEvent({ ctx, input }: { ctx: AuthedContext; input: { webhookId: string; eventId: string } }): Promise<WebhookRedeliverResult> {
  requireScope(ctx, "webhooks:write");
  const result = await getPrisma().$transaction(async (tx) => {
    const endpoint = await findWebhookRow(tx, ctx, input.webhookId, { forUpdate: true });
    if (!endpoint.enabled) throw webhookDisabled(endpoint.id);
    const event = await tx.webhookEvent.findUnique({ where: { id: input.eventId }, select: { id: true, appId: true, eventType: true } });
    // Another app's event is as unknown as a missing one.
    if (!event || event.appId !== endpoint.appId) throw new NotFoundError(`No event "${input.eventId}" in this webhook's app`, "webhook_event_not_found");
    const now = new Date();
    const delivery = await tx.webhookDelivery.upsert({
      where: { eventId_endpointId: { eventId: event.id, endpointId: endpoint.id } },
      update: { status: "pending", nextAttemptAt: now, leaseId: null, leaseUntil: null, lastError: null },
      create: { id: `whd_${randomUUID().replaceAll("-", "")}`, eventId: event.id, endpointId: endpoint.id, status: "pending", nextAttemptAt: now },
      select: { id: true },
    });
    await recordEvent(tx, ctx, {
      type: "webhook.redelivered", appId: endpoint.appId,
      details: { webhook_id: endpoint.id, event_id: event.id, event_type: event.eventType, delivery_id: delivery.id },
    });
    return { webhook_id: endpoint.id, event_id: event.id, delivery_id: delivery.id };
  });
  await wakeDeliveries([result.delivery_id]);
  return result;
}
