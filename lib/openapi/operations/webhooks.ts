import { z } from "zod";
import {
  createWebhookSchema, listDeliveriesQuerySchema, redeliverSchema, updateWebhookSchema, webhookDeliveryPageSchema, webhookIdSchema, webhookListSchema,
  webhookQuerySchema, webhookRedeliverResultSchema, webhookSchema, webhookTestResultSchema, webhookWithSecretSchema,
} from "../../schemas/webhooks";
import type { Operation } from "../operation";
import { ACTING_APP } from "./common";

const webhookPath = z.object({ webhook_id: webhookIdSchema.describe("The endpoint's id (wh_…)") });
const ACCESS = ["insufficient_role"] as const;

export const webhookOperations: Operation[] = [
  {
    method: "get", path: "/api/v1/webhooks", operationId: "listWebhooks", summary: "List webhook endpoints",
    description: "The app's endpoints (never their secrets).", tag: "Webhooks", auth: "user", scope: "webhooks:read",
    params: { query: webhookQuerySchema },
    responses: { 200: { description: "The endpoints", schema: webhookListSchema } },
    errors: ACTING_APP,
  },
  {
    method: "post", path: "/api/v1/webhooks", operationId: "createWebhook", summary: "Add a webhook endpoint",
    description: "Events are signed (Standard Webhooks); the answer is the only time the signing secret (whsec_…) is shown.",
    tag: "Webhooks", auth: "user", scope: "webhooks:write",
    body: {
      schema: createWebhookSchema,
      examples: { connections: { summary: "Connection changes", value: { app_id: "email-assistant", url: "https://app.example.com/hooks/fiberwise", events: ["connection.created", "connection.needs_reauth"] } } },
    },
    responses: { 201: { description: "Added", schema: webhookWithSecretSchema } },
    errors: [...ACTING_APP, "invalid_webhook_url"],
  },
  {
    method: "get", path: "/api/v1/webhooks/{webhook_id}", operationId: "getWebhook", summary: "Get a webhook endpoint",
    tag: "Webhooks", auth: "user", scope: "webhooks:read", params: { path: webhookPath },
    responses: { 200: { description: "The endpoint (never its secret)", schema: webhookSchema } },
    errors: [...ACCESS],
  },
  {
    method: "patch", path: "/api/v1/webhooks/{webhook_id}", operationId: "updateWebhook", summary: "Change a webhook endpoint",
    description: "url, events, description; enabled=true re-enables an endpoint the platform disabled.",
    tag: "Webhooks", auth: "user", scope: "webhooks:write", params: { path: webhookPath }, body: { schema: updateWebhookSchema },
    responses: { 200: { description: "The endpoint", schema: webhookSchema } },
    errors: [...ACCESS, "invalid_webhook_url"],
  },
  {
    method: "delete", path: "/api/v1/webhooks/{webhook_id}", operationId: "deleteWebhook", summary: "Remove a webhook endpoint",
    description: "With its delivery log.", tag: "Webhooks", auth: "user", scope: "webhooks:write", params: { path: webhookPath },
    responses: { 204: { description: "Removed" } },
    errors: [...ACCESS],
  },
  {
    method: "post", path: "/api/v1/webhooks/{webhook_id}/rotate-secret", operationId: "rotateWebhookSecret", summary: "Rotate the signing secret",
    description: "A new secret, shown once; the old one keeps signing beside it for 24 hours.",
    tag: "Webhooks", auth: "user", scope: "webhooks:write", params: { path: webhookPath },
    responses: { 200: { description: "The endpoint with its new secret", schema: webhookWithSecretSchema } },
    errors: [...ACCESS],
  },
  {
    method: "post", path: "/api/v1/webhooks/{webhook_id}/test", operationId: "testWebhook", summary: "Send a test event",
    description: "Queues a webhook.test event for this endpoint.", tag: "Webhooks", auth: "user", scope: "webhooks:write", params: { path: webhookPath },
    responses: { 202: { description: "Queued", schema: webhookTestResultSchema } },
    errors: [...ACCESS, "webhook_disabled"],
  },
  {
    method: "post", path: "/api/v1/webhooks/{webhook_id}/redeliver", operationId: "redeliverWebhookEvent", summary: "Redeliver an event",
    description: "Sends one event to this endpoint again, now.", tag: "Webhooks", auth: "user", scope: "webhooks:write",
    params: { path: webhookPath }, body: { schema: redeliverSchema },
    responses: { 202: { description: "Due again now", schema: webhookRedeliverResultSchema } },
    errors: [...ACCESS, "webhook_event_not_found"],
  },
  {
    method: "get", path: "/api/v1/webhooks/{webhook_id}/deliveries", operationId: "listWebhookDeliveries", summary: "The delivery log",
    description: "Newest first, with every attempt (status, time, an excerpt of the answer).", tag: "Webhooks", auth: "user", scope: "webhooks:read",
    params: { path: webhookPath, query: listDeliveriesQuerySchema },
    responses: { 200: { description: "One page", schema: webhookDeliveryPageSchema } },
    errors: [...ACCESS, "invalid_cursor"],
  },
];
