"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useCreateWebhook, useWebhooks } from "@/lib/queries/webhooks";
import type { PublicApp } from "@/lib/schemas/apps";
import { SecretReveal } from "./secret-reveal";
import { WebhookCard } from "./webhook-card";
import { WebhookForm } from "./webhook-form";

/** The app's endpoints, the add form, and the secret of the one just added. */
export function WebhooksPanel({ app }: { app: PublicApp }) {
  const webhooks = useWebhooks(app.app_id);
  const create = useCreateWebhook(app.app_id);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900">Endpoints of {app.name}</h2>
        {!adding ? <Button onClick={() => setAdding(true)}>Add endpoint</Button> : null}
      </div>
      {adding ? (
        <section aria-label="Add an endpoint" className="rounded-xl border border-slate-200 bg-white p-5">
          <WebhookForm
            submitLabel="Add endpoint"
            pending={create.isPending}
            onCancel={() => setAdding(false)}
            onSubmit={async (values) => {
              const created = await create.mutateAsync({ url: values.url, events: values.events, ...(values.description ? { description: values.description } : {}) });
              setAdding(false);
              setSecret(created.secret);
            }}
          />
        </section>
      ) : null}
      {secret ? <SecretReveal secret={secret} title="Endpoint added: its signing secret" note="Copy it into your receiver now." onDone={() => setSecret(null)} /> : null}

      {webhooks.isPending ? (
        <Skeleton className="h-28 w-full rounded-xl" aria-label="Loading webhooks" />
      ) : webhooks.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{webhooks.error.message}</p>
      ) : webhooks.data.length === 0 ? (
        <EmptyState
          title="No webhook endpoints yet"
          description="Add an https endpoint of your backend to hear about connections as they happen: created, needing re-authorization, removed. You can also use fiber webhooks add."
        />
      ) : (
        <ul aria-label="Webhook endpoints" className="space-y-3">
          {webhooks.data.map((webhook) => <WebhookCard key={webhook.id} appId={app.app_id} webhook={webhook} />)}
        </ul>
      )}
    </div>
  );
}
