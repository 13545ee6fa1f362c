import { z } from "zod";
import { appIdSchema } from "./apps";

// Client-safe: webhook endpoints, events and the delivery log. Read by the route handlers, the
// dashboard's Settings → Webhooks, the server SDK and the CLI.

export const WEBHOOK_EVENT_TYPES = [
  "connection.created",
  "connection.reconnected",
  "connection.insufficient_scopes",
  "connection.needs_reauth",
  "connection.refresh_failed",
  "connection.recovered",
  "connection.deleted",
  "webhook.test",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "connection.created": "A user or end user connected an account for the first time",
  "connection.reconnected": "An existing connection was authorized again",
  "connection.insufficient_scopes": "A connection was made but the provider granted fewer scopes than asked",
  "connection.needs_reauth": "The provider refused the refresh token: the user has to reconnect",
  "connection.refresh_failed": "The provider kept failing to refresh; retries continue after a cooldown",
  "connection.recovered": "A refresh worked again after failures",
  "connection.deleted": "A connection was removed (by the user, the end user, the app or a removed member)",
  "webhook.test": "Sent on request from the dashboard, the API or the CLI",
};

/** Ids look like wh_ followed by 32 hex digits; anything else is refused before a lookup. */
export const webhookIdSchema = z.string().regex(/^wh_[0-9a-f]{32}$/, { error: "Not a webhook id (wh_…)" });
export const webhookEventIdSchema = z.string().regex(/^msg_[0-9a-f]{32}$/, { error: "Not a webhook event id (msg_…)" });

export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** How long a rotated-out secret keeps signing beside the new one. */
export const WEBHOOK_SECRET_OVERLAP_HOURS = 24;
/** Deliveries give up after this long (retries with exponential backoff and jitter until then). */
export const WEBHOOK_RETRY_WINDOW_HOURS = 24;
/** An endpoint that has failed for this long without one delivery is disabled. */
export const WEBHOOK_DISABLE_AFTER_DAYS = 3;
/** At most this many characters of a receiver's answer are kept in the delivery log. */
export const WEBHOOK_RESPONSE_EXCERPT_CHARS = 1024;

const webhookUrlSchema = z.string({ error: "url is required" }).trim().min(1, { error: "url is required" }).max(2048, { error: "url must be at most 2048 characters" });
const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `Unknown event type; known types: ${WEBHOOK_EVENT_TYPES.join(", ")}` }))
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)]);
const descriptionSchema = z.string().trim().max(500, { error: "description must be at most 500 characters" }).regex(/^[^\p{Cc}]*$/u, { error: "description may not contain control characters" });

export const createWebhookSchema = z.strictObject({
  app_id: appIdSchema.optional(),
  url: webhookUrlSchema,
  /** Event types to receive; every type when omitted or empty. */
  events: eventsSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean().optional(),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    events: eventsSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    /** true re-enables an endpoint the platform disabled (410 or 3 days of failures). */
    enabled: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { error: "Nothing to change: send url, events, description or enabled" });
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export const webhookQuerySchema = z.object({ app_id: appIdSchema.optional() });

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const listDeliveriesQuerySchema = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  event_type: z.enum(WEBHOOK_EVENT_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** The created_at|id of the last delivery of the previous page (next_cursor). */
  cursor: z.string().max(100).optional(),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

export const redeliverSchema = z.strictObject({ event_id: webhookEventIdSchema });

/** An endpoint as every read answers it: never the secret. */
export const webhookSchema = z.object({
  id: z.string(),
  app_id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  /** Why the platform disabled it: "gone" (410) or "failing" (3 days of failures); null otherwise. */
  disabled_reason: z.enum(["gone", "failing"]).nullable(),
  disabled_at: z.string().nullable(),
  failing_since: z.string().nullable(),
  /** The last 4 characters of the current secret, to tell secrets apart. */
  secret_hint: z.string(),
  previous_secret_expires_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** The answer to POST /webhooks and POST /webhooks/{id}/rotate-secret: the only time the secret is shown. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  started_at: z.string(),
  duration_ms: z.number().int(),
  response_status: z.number().int().nullable(),
  /** At most 1 kB of the receiver's answer. */
  response_excerpt: z.string().nullable(),
  error: z.string().nullable(),
  next_retry_at: z.string().nullable(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status: z.number().int().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempt_log: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryPageSchema = z.object({ data: z.array(webhookDeliverySchema), next_cursor: z.string().nullable() });

/** The data of every connection.* event: never a token or a secret. */
export const connectionEventDataSchema = z.object({
  app_id: z.string(),
  authenticator_id: z.string(),
  authenticator_type: z.string(),
  /** The app's own id for an end user's connection; absent for a member's. */
  end_user_id: z.string().optional(),
  /** The FiberWise user id for a member's connection; absent for an end user's. */
  user_id: z.number().int().optional(),
  status: z.string(),
  status_reason: z.string().nullable(),
  scopes: z.array(z.string()),
  /** connection.deleted only: who removed it. */
  deleted_by: z.enum(["user", "end_user", "app", "member_removed", "authenticator_deleted", "end_user_deleted"]).optional(),
});
export type ConnectionEventData = z.infer<typeof connectionEventDataSchema>;

export const webhookPayloadSchema = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES),
  id: z.string(),
  created_at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

export const webhookListSchema = z.object({ data: z.array(webhookSchema) });

/** The data of a webhook.test event. */
export const webhookTestEventDataSchema = z.object({ webhook_id: z.string(), app_id: z.string(), message: z.string() });

/** One event as a receiver gets it (the body of the signed POST), by type. */
export function webhookEventSchema(type: WebhookEventType) {
  return z
    .object({
      type: z.literal(type),
      id: z.string().describe("msg_…: also the webhook-id header; the same on every retry"),
      created_at: z.string(),
      data: type === "webhook.test" ? webhookTestEventDataSchema : connectionEventDataSchema,
    })
    .describe(WEBHOOK_EVENT_DESCRIPTIONS[type]);
}

/** The answer to POST /webhooks/{id}/test (202): the event that was queued for this endpoint. */
export const webhookTestResultSchema = z.object({ webhook_id: z.string(), event_id: z.string(), delivery_id: z.string() });
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;

/** The answer to POST /webhooks/{id}/redeliver (202): the delivery that is due again now. */
export const webhookRedeliverResultSchema = webhookTestResultSchema;
export type WebhookRedeliverResult = z.infer<typeof webhookRedeliverResultSchema>;

/** Why the platform disabled an endpoint, as the dashboard and the CLI say it. */
export const WEBHOOK_DISABLED_REASONS: Record<"gone" | "failing", string> = {
  gone: "the receiver answered 410 Gone",
  failing: `disabled after ${WEBHOOK_DISABLE_AFTER_DAYS} days of failures`,
};
