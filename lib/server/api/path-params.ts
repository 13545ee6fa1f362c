import "server-only";
import { z } from "zod";
import { appIdSchema } from "../../schemas/apps";
import { authenticatorIdSchema, intIdSchema } from "../../schemas/common";
import { endUserIdSchema } from "../../schemas/end-users";
import { webhookIdSchema } from "../../schemas/webhooks";
import { NotFoundError, ValidationError, type AppError, type ErrorCode } from "../errors";
import { isStorableText } from "./clean-text";

type Rule = { schema: z.ZodType; refuse: (name: string) => AppError };

// A value that changes under parsing (trimmed, lower-cased) is not the id it claims to be.
const exactly = (schema: z.ZodType) => z.string().refine((value) => schema.safeParse(value).data === value);
const notFound = (message: string, code: ErrorCode) => () => new NotFoundError(message, code);

/**
 * Rules for the app's dynamic path segments, by their folder name (`[appId]` → appId). An id that
 * cannot exist is answered as not found, before any query runs; a number out of range is a 422.
 */
const RULES: Record<string, Rule> = {
  appId: { schema: exactly(appIdSchema), refuse: notFound("App not found", "app_not_found") },
  authenticatorId: {
    schema: exactly(authenticatorIdSchema),
    refuse: notFound("Authenticator not found. Check the authenticator_id (fiber list-authenticators) and the instance.", "authenticator_not_found"),
  },
  endUserId: { schema: endUserIdSchema, refuse: notFound("No such end user", "end_user_not_found") },
  keyId: { schema: z.uuid(), refuse: notFound("API key not found", "api_key_not_found") },
  type: { schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/), refuse: notFound("No such template; GET /api/v1/oauth/templates lists them", "template_not_found") },
  // The proxy reads its path from the raw URL (lib/server/proxy/proxy-path.ts judges it); here only its size.
  proxyPath: { schema: z.string().max(4096), refuse: () => new ValidationError("The path is too long", [{ path: "path", message: "at most 4096 characters" }], "invalid_proxy_path") },
  webhookId: { schema: webhookIdSchema, refuse: notFound("Webhook not found", "webhook_not_found") },
  userId: {
    schema: intIdSchema,
    refuse: (name) => new ValidationError("The path is invalid", [{ path: name, message: "user id must be a whole number between 1 and 2147483647", code: "invalid_path_param" }]),
  },
};

// Any other segment (catch-alls, params added later): storable text of a sane length.
const FALLBACK: Rule = {
  schema: z.string().max(512).refine(isStorableText),
  refuse: notFound("Not found", "not_found"),
};

/** Validate the path params Next decoded for a route; returns them with numbers as numbers. */
export function readPathParams<P>(raw: Record<string, string | string[]> | undefined): P {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const rule = RULES[name] ?? FALLBACK;
    const values = Array.isArray(value) ? value : [value];
    const parsed = values.map((v) => rule.schema.safeParse(v));
    if (parsed.some((p) => !p.success)) throw rule.refuse(name);
    out[name] = Array.isArray(value) ? parsed.map((p) => p.data) : parsed[0]!.data;
  }
  return out as P;
}
