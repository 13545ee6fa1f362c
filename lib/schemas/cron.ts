import { z } from "zod";

// Client-safe: what the cron routes answer (POST /api/cron/refresh-tokens, /api/cron/deliver-webhooks).

/** One refresh sweep. */
export const sweepResultSchema = z
  .object({
    candidates: z.number().int(),
    refreshed: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    batches: z.number().int(),
    duration_ms: z.number().int(),
    sessions_deleted: z.number().int(),
  })
  .meta({ id: "SweepResult" });
export type SweepResult = z.infer<typeof sweepResultSchema>;

export const REVOCATION_RETRY_OUTCOMES = ["confirmed", "retry", "abandoned", "skipped"] as const;
export type RevocationRetryOutcome = (typeof REVOCATION_RETRY_OUTCOMES)[number];

/** One run of due webhook deliveries and provider revocation retries. */
export const deliveryRunSchema = z
  .object({
    attempted: z.number().int(),
    delivered: z.number().int(),
    revocations: z.object({ confirmed: z.number().int(), retry: z.number().int(), abandoned: z.number().int(), skipped: z.number().int() }),
  })
  .meta({ id: "DeliveryRun" });
export type DeliveryRun = z.infer<typeof deliveryRunSchema>;
