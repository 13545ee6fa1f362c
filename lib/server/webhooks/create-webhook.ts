import "server-only";
import { randomBytes } from "node:crypto";
import type { createWebhookSchema, WebhookWithSecret } from "@/lib/schemas/webhooks";
import type { z } from "zod";
import { requireScope, type AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { requireActingAppId } from "../policy/app-access";
import { WEBHOOK_MANAGER_ROLES } from "../policy/webhook-access";
import { checkWebhookUrl } from "./check-webhook-url";
import { serializeWebhook } from "./serialize-webhook";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret";

export const newWebhookId = () => `wh_${randomBytes(16).toString("hex")}`;

/** Add a receiver to an app. The signing secret is generated here and shown in this answer only. */
export async function createWebhook({ ctx, input }: { ctx: AuthedContext; input: z.output<typeof createWebhookSchema> }): Promise<WebhookWithSecret> {
  requireScope(ctx, "webhooks:write");
  const appId = requireActingAppId(ctx.actor, input.app_id);
  await requireAppRole(getPrisma(), ctx, appId, WEBHOOK_MANAGER_ROLES);
  const url = await checkWebhookUrl(input.url);
  const id = newWebhookId();
  const secret = newWebhookSecret();
  const sealed = sealWebhookSecret(id, "secret", secret);

  return getPrisma().$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        id, appId, url, description: input.description || null, events: input.events ?? [], enabled: input.enabled ?? true,
        secret: sealed.ciphertext, encryptionKeyId: sealed.keyId, createdById: ctx.actor.userId,
      },
    });
    await recordEvent(tx, ctx, {
      type: "webhook.created", appId,
      details: { webhook_id: id, url_host: new URL(url).host, events: row.events, enabled: row.enabled },
    });
    return { ...serializeWebhook(row), secret };
  });
}
