"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ChipList } from "@/components/ui/chip";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useDeleteWebhook, useRotateWebhookSecret, useSendTestWebhook, useUpdateWebhook, type Webhook } from "@/lib/queries/webhooks";
import { WEBHOOK_SECRET_OVERLAP_HOURS } from "@/lib/schemas/webhooks";
import { DeliveryLog } from "./delivery-log";
import { SecretReveal } from "./secret-reveal";
import { dateTime, disabledText } from "./webhook-format";
import { WebhookForm } from "./webhook-form";

/** One endpoint: what it receives and how it is doing, its actions, and (on request) its delivery log. */
export function WebhookCard({ appId, webhook }: { appId: string; webhook: Webhook }) {
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const update = useUpdateWebhook(appId);
  const remove = useDeleteWebhook(appId);
  const rotate = useRotateWebhookSecret(appId);
  const test = useSendTestWebhook();
  const toast = useToast();
  const disabled = disabledText(webhook);
  const label = webhook.description || webhook.url;

  return (
    <li data-testid="webhook" aria-label={label} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <p className="break-all font-mono text-sm font-medium text-slate-900">{webhook.url}</p>
          {webhook.description ? <p className="text-sm text-slate-600">{webhook.description}</p> : null}
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span className={webhook.enabled ? "font-medium text-emerald-700" : "font-medium text-slate-700"}>{webhook.enabled ? "Enabled" : "Disabled"}</span>
            {webhook.failing_since ? <span className="font-medium text-amber-800">Failing since {dateTime(webhook.failing_since)}</span> : null}
            <span>Secret …{webhook.secret_hint}</span>
            {webhook.previous_secret_expires_at ? <span>old secret signs until {dateTime(webhook.previous_secret_expires_at)}</span> : null}
          </div>
          {webhook.events.length ? <ChipList items={webhook.events} max={4} label="Events" /> : <p className="text-xs text-slate-600">All events</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            disabled={!webhook.enabled}
            pending={test.isPending}
            onClick={() =>
              test.mutate(webhook.id, {
                onSuccess: (sent) => {
                  setShowLog(true);
                  toast({ title: "Test event queued", description: sent.event_id, tone: "success" });
                },
                onError: (error) => toast({ title: "Could not send a test event", description: error.message, tone: "error" }),
              })
            }
          >
            Send test event
          </Button>
          <Button size="sm" variant="secondary" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
            {showLog ? "Hide deliveries" : "Deliveries"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>Edit</Button>
          <Button size="sm" variant="secondary" onClick={() => setConfirm("rotate")}>Rotate secret</Button>
          <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setConfirm("delete")}>Delete</Button>
        </div>
      </div>

      {disabled ? (
        <div role="status" className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between">
          <span>{disabled}</span>
          <Button size="sm" pending={update.isPending} onClick={() => update.mutate({ id: webhook.id, changes: { enabled: true } }, { onError: (error) => toast({ title: "Could not enable", description: error.message, tone: "error" }) })}>
            {webhook.disabled_reason ? "Re-enable" : "Enable"}
          </Button>
        </div>
      ) : null}

      {secret ? (
        <SecretReveal
          secret={secret}
          title="New signing secret"
          note={`The old secret keeps signing beside it for ${WEBHOOK_SECRET_OVERLAP_HOURS} hours, so switch your receiver to this one before then.`}
          onDone={() => setSecret(null)}
        />
      ) : null}

      {editing ? (
        <div className="rounded-lg border border-slate-200 p-4">
          <WebhookForm
            initial={webhook}
            submitLabel="Save changes"
            pending={update.isPending}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              await update.mutateAsync({ id: webhook.id, changes: { url: values.url, events: values.events ?? [], description: values.description || null } });
              setEditing(false);
              toast({ title: "Webhook saved", tone: "success" });
            }}
          />
          {webhook.enabled ? (
            <Button size="sm" variant="ghost" className="mt-3" onClick={() => update.mutate({ id: webhook.id, changes: { enabled: false } }, { onSuccess: () => setEditing(false) })}>
              Disable this endpoint
            </Button>
          ) : null}
        </div>
      ) : null}

      {showLog ? <DeliveryLog webhookId={webhook.id} canRedeliver={webhook.enabled} /> : null}

      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        pending={remove.isPending}
        error={remove.error?.message}
        onCancel={() => setConfirm(null)}
        onConfirm={() => remove.mutate(webhook.id, { onSuccess: () => { setConfirm(null); toast({ title: "Webhook deleted", tone: "success" }); } })}
      >
        <p>
          <span className="break-all font-mono">{webhook.url}</span> stops receiving events at once, and its delivery log is deleted.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "rotate"}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error?.message}
        onCancel={() => setConfirm(null)}
        onConfirm={() => rotate.mutate(webhook.id, { onSuccess: (rotated) => { setConfirm(null); setSecret(rotated.secret); } })}
      >
        <p>A new secret is generated and shown once. For {WEBHOOK_SECRET_OVERLAP_HOURS} hours deliveries carry signatures with both the old and the new secret.</p>
      </ConfirmDialog>
    </li>
  );
}
