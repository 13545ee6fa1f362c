import { z } from "zod";
import { appIdSchema } from "./apps";
import { intIdSchema } from "./common";
import { endUserIdSchema } from "./end-users";
import { PROXY_HEADER, type ProxyMethod } from "./proxy-headers";

// Client-safe: the proxy's contract (/api/v1/proxy/{authenticator_id}/{path}), read by the route,
// the production server's fast path, the MCP server and the SDKs (which take the plain constants
// from proxy-headers.ts, so that they do not carry zod).

export { PROXY_HEADER, PROXY_METHODS, PROXY_RESPONSE_HEADER, type ProxyMethod } from "./proxy-headers";

/** Methods a retry may repeat without the caller's say-so (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: readonly ProxyMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

export const MAX_PROXY_RETRIES = 5;

/** Whose connection, and how to retry: the control headers, as the route reads them. */
/** Whose connection a proxy (or MCP) request acts on: fiberwise-end-user-id, fiberwise-user-id, fiberwise-app-id. */
export const proxySubjectSchema = z.object({
  end_user_id: endUserIdSchema.optional(),
  user_id: intIdSchema.optional(),
  app_id: appIdSchema.optional(),
});

export const proxyControlSchema = proxySubjectSchema
  .extend({
    retries: z.coerce
      .number({ error: `${PROXY_HEADER.retries} must be a number` })
      .int({ error: `${PROXY_HEADER.retries} must be a whole number` })
      .min(0)
      .max(MAX_PROXY_RETRIES, { error: `${PROXY_HEADER.retries} may be at most ${MAX_PROXY_RETRIES}` })
      .default(0),
    retry_unsafe: z
      .enum(["true", "false"], { error: `${PROXY_HEADER.retryUnsafe} must be true or false` })
      .transform((v) => v === "true")
      .default(false),
  })
  .refine((c) => !(c.user_id && c.end_user_id), { error: `Send ${PROXY_HEADER.userId} or ${PROXY_HEADER.endUserId}, not both`, path: ["end_user_id"] });
export type ProxyControl = z.infer<typeof proxyControlSchema>;

/** The control headers of a request as the schema's input (absent headers are left out). */
export function proxyControlFromHeaders(headers: { get(name: string): string | null }): Record<string, string> {
  const read = (name: string) => headers.get(name) ?? undefined;
  return Object.fromEntries(
    Object.entries({
      end_user_id: read(PROXY_HEADER.endUserId),
      user_id: read(PROXY_HEADER.userId),
      app_id: read(PROXY_HEADER.appId),
      retries: read(PROXY_HEADER.retries),
      retry_unsafe: read(PROXY_HEADER.retryUnsafe),
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Status classes the Monitoring page counts proxy calls by; `failed` is a call the provider never answered. */
export const PROXY_STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx", "failed"] as const;
export type ProxyStatusClass = (typeof PROXY_STATUS_CLASSES)[number];

/** Proxy calls per authenticator in GET /api/v1/metrics. */
export const proxyStatSchema = z.object({
  authenticator_id: z.string(),
  calls: z.number().int(),
  statuses: z.record(z.enum(PROXY_STATUS_CLASSES), z.number().int()),
  /** Time to the provider's response headers, retries included (from a histogram: the bucket's upper bound). */
  p50_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
});
export type ProxyStat = z.infer<typeof proxyStatSchema>;
