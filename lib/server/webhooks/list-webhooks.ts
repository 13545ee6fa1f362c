import "server-only";
import type { Webhook } from "@/lib/schemas/webhooks";
import { requireScope, type AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { requireActingAppId } from "../policy/app-access";
import { WEBHOOK_MANAGER_ROLES } from "../policy/webhook-access";
import { serializeWebhook } from "./serialize-webhook";

/** The app's endpoints, oldest first. */
export async function listWebhooks({ ctx, input }: { ctx: AuthedContext; input: { appId?: string | null } }): Promise<Webhook[]> {
  requireScope(ctx, "webhooks:read");
  const appId = requireActingAppId(ctx.actor, input.appId);
  await requireAppRole(getPrisma(), ctx, appId, WEBHOOK_MANAGER_ROLES);
  const rows = await getPrisma().webhookEndpoint.findMany({ where: { appId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(serializeWebhook);
}
