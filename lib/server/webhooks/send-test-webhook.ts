import "server-only";
import type { WebhookTestResult } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { ConflictError } from "../errors";
import { enqueueWebhookEvent } from "./enqueue-event";
import { findWebhookRow } from "./find-webhook-row";
import { wakeEvents } from "./webhook-queue";

export const webhookDisabled = (id: string) =>
  new ConflictError(`The webhook ${id} is disabled; enable it first (PATCH {"enabled": true})`, "webhook_disabled");

/** Queue a webhook.test event for one endpoint, then wake a worker once it is committed. */
export async function sendTestWebhook({ ctx, input }: { ctx: AuthedContext; input: { webhookId: string } }): Promise<WebhookTestResult> {
  requireScope(ctx, "webhooks:write");
  const result = await getPrisma().$transaction(async (tx) => {
    const endpoint = await findWebhookRow(tx, ctx, input.webhookId, { forUpdate: true });
    if (!endpoint.enabled) throw webhookDisabled(endpoint.id);
    const eventId = await enqueueWebhookEvent(tx, {
      appId: endpoint.appId, type: "webhook.test", endpointId: endpoint.id,
      data: { webhook_id: endpoint.id, app_id: endpoint.appId, message: "Test event from FiberWise" },
    });
    // Sent to this endpoint whatever its event filter (fw_enqueue_webhook_event with an endpoint id).
    if (!eventId) throw webhookDisabled(endpoint.id);
    const delivery = await tx.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId: endpoint.id } }, select: { id: true } });
    await recordEvent(tx, ctx, { type: "webhook.test_sent", appId: endpoint.appId, details: { webhook_id: endpoint.id, event_id: eventId } });
    return { webhook_id: endpoint.id, event_id: eventId, delivery_id: delivery.id };
  });
  await wakeEvents([result.event_id]);
  return result;
}
