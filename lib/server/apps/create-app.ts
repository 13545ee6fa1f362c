import "server-only";
import { slugify, type CreateAppInput } from "../../schemas/apps";
import { requireSession, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma, type Tx } from "../db/client";
import { ConflictError } from "../errors";
import { serializeApp, type PublicApp } from "./serialize-app";

/** Create an app; its creator becomes its owner. The app_id is the given slug or one made from the name. */
export async function createApp({ ctx, input }: { ctx: AuthedContext; input: CreateAppInput }): Promise<PublicApp> {
  requireSession(ctx);
  return getPrisma().$transaction((tx) => insertApp(tx, ctx, input));
}

/** Shared with the headless bootstrap, which creates the first app inside its own transaction. */
export async function insertApp(tx: Tx, ctx: AuthedContext, input: CreateAppInput): Promise<PublicApp> {
  {
    const appId = input.app_id ?? (await freeAppId(tx, slugify(input.name)));
    if (input.app_id && (await tx.app.count({ where: { appId } }))) {
      throw new ConflictError(`The app_id "${appId}" is taken`, "app_id_taken", [{ path: "app_id", message: "Taken" }]);
    }
    const app = await tx.app.create({
      data: {
        appId,
        name: input.name,
        description: input.description || null,
        createdById: ctx.actor.userId,
        members: { create: { userId: ctx.actor.userId, role: "owner" } },
      },
    });
    await recordEvent(tx, ctx, { type: "app.created", appId, details: { name: app.name } });
    return serializeApp(app, "owner");
  }
}

async function freeAppId(tx: Tx, base: string): Promise<string> {
  const taken = new Set(
    (await tx.app.findMany({ where: { appId: { startsWith: base } }, select: { appId: true } })).map((a) => a.appId),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
