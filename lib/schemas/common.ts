import { z } from "zod";
import { AUTHENTICATOR_ID_PATTERN } from "./proxy-path";

/** PostgreSQL `integer` columns (user ids, …) hold at most 2³¹−1; anything larger must be refused, not sent. */
export const MAX_INT32 = 2_147_483_647;

/** A database integer id given as text (query string, path): a positive whole number up to 2³¹−1. */
export const intIdSchema = z.coerce
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .positive({ error: "must be positive" })
  .max(MAX_INT32, { error: `must be at most ${MAX_INT32}` });

/** An authenticator_id: the readable global slug the API, CLI and SDKs use ("google", "google-2"). */
export const authenticatorIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(AUTHENTICATOR_ID_PATTERN, { error: "authenticator_id may contain lowercase letters, digits and single hyphens" });
