import "server-only";
import type { AddMemberInput } from "../../schemas/apps";
import { requireSession, type AuthedContext } from "../auth/actor";
import { OWNER_ROLES, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { PublicMember } from "./list-members";

/** An app owner adds an existing account to the app by email. */
export async function addMember({ ctx, appId, input }: { ctx: AuthedContext; appId: string; input: AddMemberInput }): Promise<PublicMember> {
  requireSession(ctx);
  return getPrisma().$transaction(async (tx) => {
    await requireAppRole(tx, ctx, appId, OWNER_ROLES);
    const user = await tx.user.findUnique({ where: { email: input.email } });
    if (!user) {
      throw new NotFoundError(`No account uses ${input.email}; ask them to sign up first`, "user_not_found");
    }
    if (await tx.appMember.findUnique({ where: { appId_userId: { appId, userId: user.id } } })) {
      throw new ConflictError(`${input.email} is already a member of this app`, "already_member");
    }
    const member = await tx.appMember.create({ data: { appId, userId: user.id, role: input.role } });
    await recordEvent(tx, ctx, {
      type: "app.member_added",
      appId,
      subjectUserId: user.id,
      details: { email: user.email, role: member.role },
    });
    return { user_id: user.id, email: input.email, name: user.name, role: member.role, added_at: member.createdAt.toISOString() };
  });
}
