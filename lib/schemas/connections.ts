import { z } from "zod";
import { intIdSchema } from "./common";
import { endUserIdSchema } from "./end-users";
import { publicConnectionSchema } from "./public-connection";

/** Query parameters of the credentials API: the caller's own connection, a member's (user_id) or an end user's (end_user_id). */
const connectionQueryFields = z.object({
  app_id: z.string().trim().min(1).max(48).optional(),
  user_id: intIdSchema.optional(),
  end_user_id: endUserIdSchema.optional(),
  force_refresh: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export const connectionQuerySchema = connectionQueryFields.refine((q) => !(q.user_id && q.end_user_id), {
  error: "Pass user_id or end_user_id, not both",
  path: ["end_user_id"],
});

/** /oauth/error?code=…: one of our snake_case codes; anything else shows as "unknown". */
export const oauthErrorPageQuerySchema = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).optional() });

export const listConnectionsQuerySchema = connectionQueryFields.pick({ app_id: true, end_user_id: true });

/** GET /api/v1/oauth/connect/{authenticator_id}: return_to is kept as given; the safe-path rule decides where it may lead. */
export const connectQuerySchema = z.object({ app_id: z.string().trim().min(1).max(48).optional(), return_to: z.string().max(4096).optional() });

/** GET …/token: a valid access token (Cache-Control: no-store). */
export const connectionTokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.string(),
    expires_at: z.string().nullable(),
    scopes: z.array(z.string()),
  })
  .meta({ id: "AccessToken" });
export type ConnectionToken = z.infer<typeof connectionTokenSchema>;

/** GET /api/v1/credentials/connections */
export const connectionListSchema = z.object({ connections: z.array(publicConnectionSchema) });

/** What DELETE …/connections/{id} says about the provider in its X-Provider-Revocation header. */
export type RevocationResult = "revoked" | "not_supported" | `failed: ${string}`;
