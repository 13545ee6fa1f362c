import "server-only";
import type { UpdateAppInput } from "../../schemas/apps";
import { requireSession, type AuthedContext } from "../auth/actor";
import { OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { serializeApp, type PublicApp } from "./serialize-app";

/** Rename an app or change its description; the app_id never changes. */
export async function updateApp({ ctx, appId, input }: { ctx: AuthedContext; appId: string; input: UpdateAppInput }): Promise<PublicApp> {
  requireSession(ctx);
  return getPrisma().$transaction(async (tx) => {
    const role = await requireAppRole(tx, ctx, appId, OWNER_ROLES);
    const before = await tx.app.findUniqueOrThrow({ where: { appId } });
    const app = await tx.app.update({
      where: { appId },
      data: { name: input.name ?? undefined, description: input.description === undefined ? undefined : input.description || null },
    });
    await recordEvent(tx, ctx, {
      type: "app.updated",
      appId,
      details: { before: { name: before.name }, after: { name: app.name }, changed: Object.keys(input) },
    });
    return serializeApp(app, role);
  });
}
