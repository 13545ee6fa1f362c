import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { updateWebhookSchema, Webhook } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { checkWebhookUrl } from "./check-webhook-url";
import { findWebhookRow } from "./find-webhook-row";
import { serializeWebhook } from "./serialize-webhook";

/**
 * Partial update: url, events, description, enabled. Enabling again (also an endpoint the platform
 * disabled after a 410 or days of failures) starts it with a clean record: no reason, no failing run.
 */
export async function updateWebhook({ ctx, input }: {
  ctx: AuthedContext;
  input: { webhookId: string; changes: z.output<typeof updateWebhookSchema> };
}): Promise<Webhook> {
  requireScope(ctx, "webhooks:write");
  const { changes } = input;
  await findWebhookRow(getPrisma(), ctx, input.webhookId);
  if (changes.url !== undefined) await checkWebhookUrl(changes.url);

  return getPrisma().$transaction(async (tx) => {
    const current = await findWebhookRow(tx, ctx, input.webhookId, { forUpdate: true });
    const data: Prisma.WebhookEndpointUpdateInput = {};
    if (changes.url !== undefined) data.url = changes.url;
    if (changes.events !== undefined) data.events = changes.events;
    if (changes.description !== undefined) data.description = changes.description || null;
    if (changes.enabled === true) Object.assign(data, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
    if (changes.enabled === false && current.enabled) Object.assign(data, { enabled: false, disabledAt: new Date() });
    const row = await tx.webhookEndpoint.update({ where: { id: current.id }, data });
    await recordEvent(tx, ctx, {
      type: "webhook.updated", appId: row.appId,
      details: {
        webhook_id: row.id, changed: Object.keys(changes),
        ...(changes.enabled === true && current.disabledReason ? { re_enabled_after: current.disabledReason } : {}),
      },
    });
    return serializeWebhook(row);
  });
}
