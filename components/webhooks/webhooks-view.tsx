"use client";

import Link from "next/link";
import { canManage, pickApp } from "@/components/authenticators/selected-app";
import { AppsError, AppsLoading } from "@/components/apps/apps-query-state";
import { EmptyState } from "@/components/ui/empty-state";
import { ToastProvider } from "@/components/ui/toast";
import { useApps } from "@/lib/queries/apps";
import { WebhooksPanel } from "./webhooks-panel";

const lockIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className="size-5" aria-hidden="true">
    <path d="M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5zM12 15v2" />
  </svg>
);

/** The interactive part of Settings → Webhooks, for the app chosen in ?app_id=. */
export function WebhooksView({ appId }: { appId?: string }) {
  const apps = useApps();
  const app = apps.data ? pickApp(apps.data, appId) : undefined;

  let content;
  if (apps.isPending) {
    content = <AppsLoading />;
  } else if (apps.error) {
    content = <AppsError error={apps.error} />;
  } else if (!app) {
    content = (
      <EmptyState
        title="Create an app first"
        description="Webhook endpoints belong to an app: one of your products. You don't belong to any app yet."
        action={<Link href="/apps" className="font-medium text-brand-700 hover:underline">Create an app</Link>}
      />
    );
  } else if (!canManage(app)) {
    content = (
      <EmptyState
        icon={lockIcon}
        title="Only owners and developers can manage webhooks"
        description={`Your role in ${app.name} is ${app.role}. Webhook endpoints, their signing secrets and delivery logs are for the app's owners and developers; ask an owner to make you a developer.`}
        action={<Link href="/apps" className="font-medium text-brand-700 hover:underline">See the app&apos;s members</Link>}
      />
    );
  } else {
    content = <WebhooksPanel key={app.app_id} app={app} />;
  }
  return <ToastProvider>{content}</ToastProvider>;
}
