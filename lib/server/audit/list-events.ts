import "server-only";
import type { EventPage, PublicEvent } from "../../schemas/events";
import type { Prisma } from "../../generated/prisma/client";
import type { ListEventsInput } from "../../schemas/events";
import type { AuthedContext } from "../auth/actor";
import { ANY_ROLE, MANAGE_ROLES, requireAppRole } from "../auth/permissions";
import { requireActingAppId } from "../policy/app-access";
import { getPrisma } from "../db/client";


export type { PublicEvent };

/**
 * The audit log of one app, newest first, paged by id. Owners and developers see every event of the
 * app; members see the events about themselves.
 */
export async function listEvents({ ctx, input }: { ctx: AuthedContext; input: ListEventsInput }): Promise<EventPage> {
  const appId = requireActingAppId(ctx.actor, input.app_id);
  const db = getPrisma();
  const role = await requireAppRole(db, ctx, appId, ANY_ROLE);
  const where: Prisma.OAuthEventWhereInput = {
    appId,
    ...(MANAGE_ROLES.includes(role) ? {} : { OR: [{ subjectUserId: ctx.actor.userId }, { actorUserId: ctx.actor.userId }] }),
    ...(input.type ? { eventType: { startsWith: input.type } } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.before ? { id: { lt: BigInt(input.before) } } : {}),
  };
  const rows = await db.oAuthEvent.findMany({ where, orderBy: { id: "desc" }, take: input.limit });
  const actors = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.actorUserId).filter((v): v is number => v !== null))] } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  const events = rows.map((r) => ({
    id: r.id.toString(),
    type: r.eventType,
    outcome: r.outcome,
    at: r.createdAt.toISOString(),
    app_id: r.appId,
    authenticator_id: r.authenticatorId,
    actor: r.actorUserId ? (emailOf.get(r.actorUserId) ?? `user ${r.actorUserId}`) : r.actorApiKeyId ? "API key" : "system",
    subject_user_id: r.subjectUserId,
    provider: r.provider,
    duration_ms: r.durationMs,
    details: r.details,
  }));
  return { events, next_before: rows.length === input.limit ? rows.at(-1)!.id.toString() : null };
}
