import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { EndUsersPage, ListEndUsersQuery } from "../../schemas/end-users";
import { requireScope, type AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { toPublicConnection } from "../connections/list-connections";
import { getPrisma } from "../db/client";
import { ValidationError } from "../errors";
import { requireActingAppId } from "../policy/app-access";
import { END_USER_MANAGER_ROLES } from "../policy/end-user-access";

/**
 * The app's end users, newest first, with their connections and statuses: search (id, email,
 * display name), tags (all must match) and a connection status filter; paged with an opaque cursor.
 */
export async function listEndUsers({ ctx, input }: { ctx: AuthedContext; input: ListEndUsersQuery }): Promise<EndUsersPage> {
  requireScope(ctx, "connections:read");
  const appId = requireActingAppId(ctx.actor, input.app_id);
  await requireAppRole(getPrisma(), ctx, appId, END_USER_MANAGER_ROLES);
  const cursor = input.cursor === undefined ? undefined : Number(input.cursor);
  if (cursor !== undefined && !(Number.isInteger(cursor) && cursor > 0 && cursor <= 2_147_483_647)) {
    throw new ValidationError("cursor is not one this API returned", [{ path: "cursor", message: "Use next_cursor from the previous page" }], "invalid_cursor");
  }
  const where: Prisma.EndUserWhereInput = {
    appId,
    ...(cursor ? { userId: { lt: cursor } } : {}),
    ...(input.q
      ? { OR: [{ endUserId: { contains: input.q, mode: "insensitive" } }, { email: { contains: input.q, mode: "insensitive" } }, { displayName: { contains: input.q, mode: "insensitive" } }] }
      : {}),
    AND: [
      ...(input.tag ?? []).map((tag) => {
        const at = tag.indexOf(":");
        return { tags: { path: [tag.slice(0, at)], equals: tag.slice(at + 1) } };
      }),
      ...(input.status ? [{ user: { authentications: { some: { appId, isActive: true, authStatus: input.status } } } }] : []),
    ],
  };
  const rows = await getPrisma().endUser.findMany({
    where,
    orderBy: { userId: "desc" },
    take: input.limit + 1,
    include: {
      user: {
        include: {
          authentications: {
            where: { appId, isActive: true },
            include: { grant: { select: { scopes: true, expiresAt: true, lastRefreshedAt: true } }, authenticator: { select: { authenticatorName: true, authenticatorType: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  const page = rows.slice(0, input.limit);
  return {
    end_users: page.map((row) => ({
      id: row.endUserId, email: row.email, display_name: row.displayName, tags: (row.tags ?? {}) as Record<string, string>,
      created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(), connections: row.user.authentications.map(toPublicConnection),
    })),
    next_cursor: rows.length > input.limit ? String(page.at(-1)!.userId) : null,
  };
}
