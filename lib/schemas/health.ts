import { z } from "zod";

/** GET /api/health: the database answers and no migration is pending (503 with status "degraded" otherwise). */
export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    database: z.object({
      kind: z.enum(["postgres", "pglite"]),
      reachable: z.boolean(),
      migrations_applied: z.number().int(),
      migrations_pending: z.number().int(),
    }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof healthSchema>;
