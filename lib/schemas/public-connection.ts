import { z } from "zod";

// Client-safe: one connection as the API shows it (GET /api/v1/credentials/connections, and each end
// user's connections in GET /api/v1/end-users): status, scopes and timings, never a token. Its own
// module because both connections.ts and end-users.ts need it and connections.ts imports end-users.ts.

export const publicConnectionSchema = z.object({
  authenticator_id: z.string(),
  app_id: z.string(),
  authenticator_name: z.string(),
  authenticator_type: z.string(),
  /** active | insufficient_scopes | needs_reauth (a revoked connection is absent). */
  status: z.string(),
  status_reason: z.string().nullable(),
  scopes: z.array(z.string()),
  expires_at: z.string().nullable(),
  last_refreshed_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  connected_at: z.string(),
});
export type PublicConnection = z.infer<typeof publicConnectionSchema>;
