import { withApiAuth } from "@/lib/server/api/with-api-auth";

// GET /api/v1/me – who the session or API key acts for, and with which scopes
export const GET = withApiAuth({}, async ({ ctx }) =>
  Response.json({
    user_id: ctx.actor.userId,
    email: ctx.actor.email,
    is_admin: ctx.actor.isAdmin,
    via: ctx.actor.via,
    app_id: ctx.actor.appRestriction ?? null,
    scopes: [...ctx.actor.scopes],
  }),
);
