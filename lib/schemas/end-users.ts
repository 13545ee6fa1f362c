import { z } from "zod";
import { appIdSchema } from "./apps";
import { authenticatorIdSchema } from "./common";
import { publicConnectionSchema } from "./public-connection";

// Client-safe: end users of an app's own product and the connect sessions that let them connect
// accounts from the app's frontend. Read by the route handlers, the server SDK, the CLI and the
// dashboard's End users page.

/** The app's own id for one of its users: 1–255 printable characters (no control or format characters). */
export const endUserIdSchema = z
  .string({ error: "end_user_id must be a string" })
  .min(1, { error: "end_user_id must not be empty" })
  .max(255, { error: "end_user_id must be at most 255 characters" })
  .regex(/^[^\p{C}]+$/u, { error: "end_user_id may contain only printable characters" });

const tagKey = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, { error: "tag names may contain letters, digits, _ . : -" });
export const endUserTagsSchema = z
  .record(tagKey, z.string().max(256).regex(/^[^\p{C}]*$/u, { error: "tag values may contain only printable characters" }))
  .refine((tags) => Object.keys(tags).length <= 32, { error: "At most 32 tags" });

export const endUserInputSchema = z.strictObject({
  id: endUserIdSchema,
  email: z.email({ error: "email must be a valid email address" }).max(254).optional(),
  display_name: z.string().trim().max(200).regex(/^[^\p{Cc}]*$/u).optional(),
  tags: endUserTagsSchema.optional(),
});
export type EndUserInput = z.infer<typeof endUserInputSchema>;

export const CONNECT_SESSION_TTL_MINUTES = 30;
/** A connect session may start at most this many authorization flows (a leaked link cannot be replayed forever). */
export const CONNECT_SESSION_MAX_FLOWS = 10;
export const CONNECT_SESSION_TOKEN_PREFIX = "fw_cs_";

export const createConnectSessionSchema = z.strictObject({
  app_id: appIdSchema.optional(),
  end_user: endUserInputSchema,
  /** Authenticators the end user may connect; all the app's enabled ones when omitted. */
  allowed_authenticators: z.array(authenticatorIdSchema).min(1).max(50).optional(),
  /** Origins (scheme://host[:port]) of the app's pages that may use the session from the browser. */
  allowed_origins: z.array(z.string().max(2048)).max(20).optional(),
  /** Where the browser goes after connecting (an absolute URL on one of allowed_origins). */
  return_to: z.string().max(2048).optional(),
});
export type CreateConnectSessionInput = z.infer<typeof createConnectSessionSchema>;

export const CONNECTION_STATUSES = ["active", "needs_reauth", "insufficient_scopes"] as const;
export type ConnectionStatusFilter = (typeof CONNECTION_STATUSES)[number];

/** One tag filter, name:value (the value may be empty or contain more colons). */
export const endUserTagFilterSchema = z.string().max(330).regex(/^[^:]+:.*$/, { error: "tag filters look like name:value" });

export const listEndUsersQuerySchema = z.object({
  app_id: appIdSchema.optional(),
  /** Search the end user id, email and display name. */
  q: z.string().max(200).optional(),
  /** tag=name:value (repeat for several; all must match). */
  tag: z.array(endUserTagFilterSchema).max(10).optional(),
  status: z.enum(CONNECTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});
export type ListEndUsersQuery = z.infer<typeof listEndUsersQuerySchema>;

export const endUserQuerySchema = z.object({ app_id: appIdSchema.optional() });

// Written out rather than inferred, so that the `fiberwise` npm package's declarations carry it
// without zod; the schema below must satisfy it.
/** The answer to POST /api/v1/connect/sessions (the only time the token is shown). */
export type CreatedConnectSession = {
  id: string;
  token: string;
  connect_url: string;
  expires_at: string;
  app_id: string;
  end_user_id: string;
  allowed_authenticators: string[];
  allowed_origins: string[];
  return_to: string | null;
};
export const createdConnectSessionSchema = z.object({
  id: z.string(),
  token: z.string(),
  connect_url: z.string(),
  expires_at: z.string(),
  app_id: z.string(),
  end_user_id: z.string(),
  allowed_authenticators: z.array(z.string()),
  allowed_origins: z.array(z.string()),
  return_to: z.string().nullable(),
}) satisfies z.ZodType<CreatedConnectSession>;

/** GET /api/v1/connect/session (and the hosted page): the session's app, authenticators and where each stands. */
export const connectSessionViewSchema = z.object({
  app: z.object({ app_id: z.string(), name: z.string() }),
  end_user_id: z.string(),
  expires_at: z.string(),
  flows_left: z.number().int(),
  return_to: z.string().nullable(),
  authenticators: z.array(
    z.object({
      authenticator_id: z.string(),
      name: z.string(),
      authenticator_type: z.string(),
      scopes: z.array(z.string()),
      /** not_connected, or the connection's status (active, needs_reauth, insufficient_scopes). */
      status: z.string(),
      status_reason: z.string().nullable(),
    }),
  ),
});
export type ConnectSessionView = z.infer<typeof connectSessionViewSchema>;
export type ConnectSessionAuthenticator = ConnectSessionView["authenticators"][number];

/** One end user in GET /api/v1/end-users, with their connections in the app. */
export const publicEndUserSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  connections: z.array(publicConnectionSchema),
});
export type PublicEndUser = z.infer<typeof publicEndUserSchema>;

/** The answer to GET /api/v1/end-users: one page, and the cursor of the next (null on the last). */
export const endUsersPageSchema = z.object({ end_users: z.array(publicEndUserSchema), next_cursor: z.string().nullable() });
export type EndUsersPage = z.infer<typeof endUsersPageSchema>;
