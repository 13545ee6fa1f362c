import { withApiAuth } from "@/lib/server/api/with-api-auth";
import type { Me } from "@/lib/schemas/auth";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/me – who the session or API key acts for, and with which scopes
export const GET = withApiAuth({}, async ({ ctx }) => {
  const me: Me = {
    user_id: ctx.actor.userId,
    email: ctx.actor.email,
    is_admin: ctx.actor.isAdmin,
    via: ctx.actor.via,
    app_id: ctx.actor.appRestriction ?? null,
    scopes: [...ctx.actor.scopes],
  };
  return Response.json(me);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
