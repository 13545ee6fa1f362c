import { z } from "zod";
import { endUserIdSchema } from "./end-users";

/** Query parameters of the credentials API: the caller's own connection, a member's (user_id) or an end user's (end_user_id). */
export const connectionQuerySchema = z
  .object({
    app_id: z.string().trim().min(1).max(48).optional(),
    user_id: z.coerce.number({ error: "user_id must be a number" }).int().positive().max(2_147_483_647).optional(),
    end_user_id: endUserIdSchema.optional(),
    force_refresh: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  })
  .refine((q) => !(q.user_id && q.end_user_id), { error: "Pass user_id or end_user_id, not both", path: ["end_user_id"] });
