"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { useApps } from "@/lib/queries/apps";
import { AppCard } from "./app-card";
import { CreateAppForm } from "./create-app-form";

export function AppsManager() {
  const apps = useApps();
  return (
    <div className="space-y-6">
      <CreateAppForm />
      {apps.isPending ? (
        <div className="space-y-3" aria-label="Loading apps">
          {[0, 1].map((i) => <div key={i} className="h-20 animate-pulse rounded-xl bg-slate-200/60" />)}
        </div>
      ) : apps.error ? (
        <p role="alert" className="text-sm text-red-600">{apps.error.message}</p>
      ) : apps.data.length === 0 ? (
        <EmptyState
          title="No apps yet"
          description="An app groups the authenticators, API keys and user connections of one of your products."
          action={<p className="text-slate-600">Create your first app with the form above.</p>}
        />
      ) : (
        <ul className="space-y-3" aria-label="Apps">
          {apps.data.map((app) => <AppCard key={app.app_id} app={app} />)}
        </ul>
      )}
    </div>
  );
}
