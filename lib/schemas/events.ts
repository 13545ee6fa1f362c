import { z } from "zod";

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
