import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { Tx } from "../db/client";
import type { RequestContext } from "../auth/actor";

export type AuditEventInput = {
  type: string;
  outcome?: "success" | "failure";
  appId?: string | null;
  authenticatorId?: string | null;
  subjectUserId?: number | null;
  grantId?: string | null;
  provider?: string | null;
  durationMs?: number | null;
  /** Never secrets: callers pass names, ids and changed-field lists, not values of secret fields. */
  details?: Prisma.InputJsonObject;
};

/**
 * Write an audit event inside the caller's transaction, so the event exists if and only if the
 * change it describes does.
 */
export async function recordEvent(tx: Tx, ctx: RequestContext | null, event: AuditEventInput): Promise<void> {
  await tx.oAuthEvent.create({
    data: {
      eventType: event.type,
      outcome: event.outcome ?? "success",
      actorUserId: ctx?.actor?.userId ?? null,
      actorApiKeyId: ctx?.actor?.apiKeyId ?? null,
      appId: event.appId ?? null,
      authenticatorId: event.authenticatorId ?? null,
      subjectUserId: event.subjectUserId ?? null,
      grantId: event.grantId ?? null,
      provider: event.provider ?? null,
      durationMs: event.durationMs ?? null,
      ip: ctx?.ip ?? null,
      requestId: ctx?.requestId ?? null,
      details: event.details ?? {},
    },
  });
}
