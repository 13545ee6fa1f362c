"use client";

import Link from "next/link";
import { pickApp } from "@/components/authenticators/selected-app";
import { AppsError, AppsLoading } from "@/components/apps/apps-query-state";
import { EmptyState } from "@/components/ui/empty-state";
import { ToastProvider } from "@/components/ui/toast";
import { useApps } from "@/lib/queries/apps";
import type { EndUserFilters } from "@/lib/queries/end-users";
import { EndUsersPanel } from "./end-users-panel";

/** The interactive part of the End users page, for the app chosen in ?app_id=. */
export function EndUsersView({ appId, initialFilters, apiBase }: { appId?: string; initialFilters: EndUserFilters; apiBase: string }) {
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
        description="End users belong to an app: one of your products. You don't belong to any app yet."
        action={
          <Link href="/apps" className="font-medium text-brand-700 hover:underline">
            Create an app
          </Link>
        }
      />
    );
  } else {
    // Filters from the URL apply to the app they were chosen for (or the default one); another app starts unfiltered.
    const filters = !appId || app.app_id === appId ? initialFilters : {};
    content = <EndUsersPanel key={app.app_id} app={app} initialFilters={filters} apiBase={apiBase} />;
  }

  return <ToastProvider>{content}</ToastProvider>;
}
