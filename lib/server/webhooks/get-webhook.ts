import "server-only";
import type { Webhook } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { getPrisma } from "../db/client";
import { findWebhookRow } from "./find-webhook-row";
import { serializeWebhook } from "./serialize-webhook";

export async function getWebhook({ ctx, input }: { ctx: AuthedContext; input: { webhookId: string } }): Promise<Webhook> {
  requireScope(ctx, "webhooks:read");
  return serializeWebhook(await findWebhookRow(getPrisma(), ctx, input.webhookId));
}
