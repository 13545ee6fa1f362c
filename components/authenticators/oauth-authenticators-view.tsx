"use client";

import Link from "next/link";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { AppsError, AppsLoading } from "@/components/apps/apps-query-state";
import { EmptyState } from "@/components/ui/empty-state";
import { ToastProvider } from "@/components/ui/toast";
import { useApps } from "@/lib/queries/apps";
import { ManageAuthenticators } from "./manage-authenticators";
import { pickApp, type AuthenticatorsTab } from "./selected-app";

/** The interactive part of Settings → OAuth Authenticators, for the app chosen in ?app_id=. */
export function OAuthAuthenticatorsView({ tab, appId, redirectBase }: { tab: AuthenticatorsTab; appId?: string; redirectBase: string }) {
  const apps = useApps();
  const app = apps.data ? pickApp(apps.data, appId) : undefined;

  let content;
  if (apps.isPending) {
    content = <AppsLoading panelHeight="h-48" />;
  } else if (apps.error) {
    content = <AppsError error={apps.error} />;
  } else if (!app) {
    content = (
      <EmptyState
        title="Create an app first"
        description="Authenticators and connections belong to an app: one of your products. You don't belong to any app yet."
        action={
          <p className="text-slate-600">
            <Link href="/apps" className="font-medium text-brand-700 hover:underline">
              Create an app
            </Link>{" "}
            or ask a teammate to add you to theirs.
          </p>
        }
      />
    );
  } else {
    content = tab === "manage" ? <ManageAuthenticators key={app.app_id} app={app} redirectBase={redirectBase} /> : <ConnectionsPanel key={app.app_id} app={app} />;
  }

  return <ToastProvider>{content}</ToastProvider>;
}
