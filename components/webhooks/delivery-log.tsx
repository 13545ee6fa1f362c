"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { useRedeliverWebhook, useWebhookDeliveries, type WebhookDelivery } from "@/lib/queries/webhooks";
import { cn } from "@/lib/utils/cn";
import { dateTime } from "./webhook-format";

const statusStyle: Record<WebhookDelivery["status"], string> = {
  delivered: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

/** One endpoint's deliveries, newest first, each with its attempts; refreshes itself while one is pending. */
export function DeliveryLog({ webhookId, canRedeliver }: { webhookId: string; canRedeliver: boolean }) {
  const log = useWebhookDeliveries(webhookId, true);
  const redeliver = useRedeliverWebhook();
  const toast = useToast();

  if (log.isPending) return <Skeleton className="h-20 w-full" aria-label="Loading deliveries" />;
  if (log.error) return <p role="alert" className="text-sm text-red-600">{log.error.message}</p>;
  if (!log.data.data.length) return <p className="text-sm text-slate-600">No deliveries yet. Send a test event to see one here.</p>;

  return (
    <ul aria-label="Deliveries" className="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {log.data.data.map((delivery) => (
        <li key={delivery.id} data-testid="webhook-delivery" className="space-y-2 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Badge className={cn(statusStyle[delivery.status])}>{delivery.status}</Badge>
            <code className="text-xs font-semibold">{delivery.event_type}</code>
            <span className="text-xs text-slate-600">{dateTime(delivery.created_at)}</span>
            <span className="text-xs text-slate-600">{delivery.attempts === 1 ? "1 attempt" : `${delivery.attempts} attempts`}</span>
            {delivery.next_attempt_at ? <span className="text-xs text-slate-600">next try {dateTime(delivery.next_attempt_at)}</span> : null}
            {canRedeliver ? (
              <Button
                size="sm"
                variant="secondary"
                className="ml-auto"
                pending={redeliver.isPending && redeliver.variables?.eventId === delivery.event_id}
                onClick={() =>
                  redeliver.mutate(
                    { id: webhookId, eventId: delivery.event_id },
                    {
                      onSuccess: () => toast({ title: "Redelivery queued", description: delivery.event_id, tone: "success" }),
                      onError: (error) => toast({ title: "Could not redeliver", description: error.message, tone: "error" }),
                    },
                  )
                }
              >
                Redeliver<span className="sr-only"> {delivery.event_id}</span>
              </Button>
            ) : null}
          </div>
          <p className="break-all font-mono text-xs text-slate-600">{delivery.event_id}</p>
          {delivery.attempt_log.length ? (
            <ol aria-label={`Attempts for ${delivery.event_id}`} className="space-y-1">
              {delivery.attempt_log.map((attempt) => (
                <li key={attempt.attempt} className="rounded-md bg-slate-50 px-2 py-1.5 text-xs text-slate-700">
                  <span className="font-medium">#{attempt.attempt}</span>{" "}
                  <span data-testid="attempt-status">{attempt.response_status ?? attempt.error ?? "no answer"}</span> · {attempt.duration_ms} ms · {dateTime(attempt.started_at)}
                  {attempt.next_retry_at ? <> · retry {dateTime(attempt.next_retry_at)}</> : null}
                  {attempt.response_excerpt ? <pre className="mt-1 max-h-24 overflow-auto whitespace-pre-wrap break-all text-slate-600">{attempt.response_excerpt}</pre> : null}
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
