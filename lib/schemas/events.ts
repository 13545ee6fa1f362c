import { z } from "zod";
import { proxyStatSchema } from "./proxy";

/** GET /api/v1/events and the Audit log page. */
export const listEventsSchema = z.object({
  app_id: z.string().trim().min(1).max(48).optional(),
  type: z.string().trim().max(64).optional(),
  outcome: z.enum(["success", "failure"]).optional(),
  // oauth_events.id is a bigint; ids past 2⁵³ would lose precision as numbers and are not issued.
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListEventsInput = z.infer<typeof listEventsSchema>;

/** GET /api/v1/metrics and the Monitoring page. */
export const metricsQuerySchema = z.object({
  app_id: z.string().trim().min(1).max(48).optional(),
  days: z.coerce.number().int().min(1).max(90).optional(),
});

/** One audit event. `details` is the event's own record (never a secret). */
export const publicEventSchema = z
  .object({
    id: z.string(),
    type: z.string().describe("e.g. oauth.connect_succeeded, token.refreshed, authenticator.created"),
    outcome: z.string(),
    at: z.string(),
    app_id: z.string().nullable(),
    authenticator_id: z.string().nullable(),
    /** The acting user's email, "API key" or "system". */
    actor: z.string().nullable(),
    subject_user_id: z.number().int().nullable(),
    provider: z.string().nullable(),
    duration_ms: z.number().int().nullable(),
    details: z.unknown(),
  })
  .meta({ id: "Event" });
export type PublicEvent = z.infer<typeof publicEventSchema>;

/** GET /api/v1/events: newest first; pass next_before as ?before= for the next page (null on the last). */
export const eventPageSchema = z.object({ events: z.array(publicEventSchema), next_before: z.string().nullable() });
export type EventPage = z.infer<typeof eventPageSchema>;

/** GET /api/v1/metrics: the spec's Monitoring and Analytics for one app. */
export const metricsSchema = z
  .object({
    days: z.number().int(),
    connections: z.object({ active: z.number().int(), needs_reauth: z.number().int(), insufficient_scopes: z.number().int() }),
    /** Connect flows per day (UTC), succeeded and failed. */
    flows: z.array(z.object({ day: z.string(), succeeded: z.number().int(), failed: z.number().int() })),
    refreshes: z.object({ succeeded: z.number().int(), failed: z.number().int() }),
    tokens_served: z.number().int(),
    /** The commonest failure codes. */
    errors: z.array(z.object({ code: z.string(), count: z.number().int() })),
    /** Per authenticator: connects, failures and token-endpoint times. */
    providers: z.array(
      z.object({
        authenticator_id: z.string(),
        provider: z.string().nullable(),
        connects: z.number().int(),
        failures: z.number().int(),
        p50_ms: z.number().nullable(),
        p95_ms: z.number().nullable(),
      }),
    ),
    /** Calls through the proxy per authenticator: status classes and time to the provider's answer. */
    proxy: z.array(proxyStatSchema),
  })
  .meta({ id: "Metrics" });
export type Metrics = z.infer<typeof metricsSchema>;
