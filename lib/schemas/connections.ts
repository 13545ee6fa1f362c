import { z } from "zod";

/** Query parameters of the credentials API. */
export const connectionQuerySchema = z.object({
  app_id: z.string().trim().min(1).max(48).optional(),
  user_id: z.coerce.number({ error: "user_id must be a number" }).int().positive().optional(),
  force_refresh: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
