import { z } from "zod";
import { intIdSchema } from "./common";

/** Query parameters of the credentials API. */
export const connectionQuerySchema = z.object({
  app_id: z.string().trim().min(1).max(48).optional(),
  user_id: intIdSchema.optional(),
  force_refresh: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

/** /oauth/error?code=…: one of our snake_case codes; anything else shows as "unknown". */
export const oauthErrorPageQuerySchema = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).optional() });

export const listConnectionsQuerySchema = connectionQuerySchema.pick({ app_id: true });

/** GET /api/v1/oauth/connect/{authenticator_id}: return_to is kept as given; the safe-path rule decides where it may lead. */
export const connectQuerySchema = z.object({ app_id: z.string().trim().min(1).max(48).optional(), return_to: z.string().max(4096).optional() });
