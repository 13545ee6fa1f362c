import "server-only";
import type { AuthedContext } from "../auth/actor";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import type { PublicMember } from "../../schemas/apps";

export type { PublicMember };

export async function listMembers({ ctx, appId }: { ctx: AuthedContext; appId: string }): Promise<PublicMember[]> {
  const db = getPrisma();
  await requireAppRole(db, ctx, appId, ANY_ROLE);
  const members = await db.appMember.findMany({
    where: { appId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  return members.map((m) => ({
    user_id: m.userId,
    email: m.user.email ?? "",
    name: m.user.name,
    role: m.role,
    added_at: m.createdAt.toISOString(),
  }));
}
