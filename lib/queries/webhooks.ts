"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CreateWebhookInput, UpdateWebhookInput, Webhook, WebhookDelivery, WebhookRedeliverResult, WebhookTestResult, WebhookWithSecret,
} from "@/lib/schemas/webhooks";
import { ApiError, apiFetch } from "./api-fetch";

export type { Webhook, WebhookDelivery, WebhookWithSecret };

export const webhookKeys = {
  all: ["webhooks"] as const,
  app: (appId: string) => ["webhooks", appId] as const,
  deliveries: (webhookId: string) => ["webhooks", "deliveries", webhookId] as const,
};

const path = (id: string, rest = "") => `/api/v1/webhooks/${encodeURIComponent(id)}${rest}`;
// A refusal (403 for a member, 404) will not change on retry.
const retry = (count: number, error: Error) => !(error instanceof ApiError && error.status < 500) && count < 1;

/** The app's endpoints (never their secrets). */
export function useWebhooks(appId: string) {
  return useQuery({
    queryKey: webhookKeys.app(appId),
    queryFn: ({ signal }) => apiFetch<{ data: Webhook[] }>(`/api/v1/webhooks?${new URLSearchParams({ app_id: appId })}`, { signal }).then((r) => r.data),
    retry,
  });
}

/** One endpoint's delivery log, newest first; polled while something is still pending. */
export function useWebhookDeliveries(webhookId: string, enabled: boolean) {
  return useQuery({
    queryKey: webhookKeys.deliveries(webhookId),
    queryFn: ({ signal }) => apiFetch<{ data: WebhookDelivery[]; next_cursor: string | null }>(path(webhookId, "/deliveries?limit=25"), { signal }),
    enabled,
    retry,
    refetchInterval: (query) => (query.state.data?.data.some((d) => d.status === "pending") ? 2_000 : false),
  });
}

export function useCreateWebhook(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWebhookInput) => apiFetch<WebhookWithSecret>("/api/v1/webhooks", { method: "POST", json: { ...input, app_id: appId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.app(appId) }),
  });
}

export function useUpdateWebhook(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateWebhookInput }) => apiFetch<Webhook>(path(id), { method: "PATCH", json: changes }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.app(appId) }),
  });
}

export function useDeleteWebhook(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(path(id), { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.app(appId) }),
  });
}

export function useRotateWebhookSecret(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<WebhookWithSecret>(path(id, "/rotate-secret"), { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.app(appId) }),
  });
}

export function useSendTestWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<WebhookTestResult>(path(id, "/test"), { method: "POST" }),
    onSuccess: (result) => qc.invalidateQueries({ queryKey: webhookKeys.deliveries(result.webhook_id) }),
  });
}

export function useRedeliverWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, eventId }: { id: string; eventId: string }) => apiFetch<WebhookRedeliverResult>(path(id, "/redeliver"), { method: "POST", json: { event_id: eventId } }),
    onSuccess: (result) => qc.invalidateQueries({ queryKey: webhookKeys.deliveries(result.webhook_id) }),
  });
}
