import "server-only";
import type { AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import type { Db, Tx } from "../db/client";
import { NotFoundError } from "../errors";
import { WEBHOOK_MANAGER_ROLES } from "../policy/webhook-access";

export const webhookNotFound = (id: string) => new NotFoundError(`Webhook not found: "${id}". fiber webhooks list shows the app's endpoints.`, "webhook_not_found");

/**
 * Load an endpoint the caller may manage, or 404. Another app's endpoint answers exactly like a
 * missing one (a key restricted to another app too), so ids cannot be probed across apps.
 */
export async function findWebhookRow(db: Db | Tx, ctx: AuthedContext, webhookId: string, options: { forUpdate?: boolean } = {}) {
  if (options.forUpdate) await db.$queryRaw`SELECT 1 FROM webhook_endpoints WHERE id = ${webhookId} FOR UPDATE`;
  const row = await db.webhookEndpoint.findUnique({ where: { id: webhookId } });
  if (!row) throw webhookNotFound(webhookId);
  try {
    await requireAppRole(db, ctx, row.appId, WEBHOOK_MANAGER_ROLES);
  } catch (error) {
    if (error instanceof NotFoundError || (error as { code?: string }).code === "app_restricted") throw webhookNotFound(webhookId);
    throw error;
  }
  return row;
}
