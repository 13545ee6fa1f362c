import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { BULK_DELETE_TX, getPrisma } from "../db/client";
import { findWebhookRow } from "./find-webhook-row";

/** Remove an endpoint; its deliveries and their attempts go with it (the events stay for the app's other endpoints). */
export async function deleteWebhook({ ctx, input }: { ctx: AuthedContext; input: { webhookId: string } }): Promise<void> {
  requireScope(ctx, "webhooks:write");
  await getPrisma().$transaction(async (tx) => {
    const row = await findWebhookRow(tx, ctx, input.webhookId, { forUpdate: true });
    const deliveries = await tx.webhookDelivery.count({ where: { endpointId: row.id } });
    await tx.webhookEndpoint.delete({ where: { id: row.id } });
    await recordEvent(tx, ctx, { type: "webhook.deleted", appId: row.appId, details: { webhook_id: row.id, url_host: hostOf(row.url), deliveries_removed: deliveries } });
  }, BULK_DELETE_TX);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
