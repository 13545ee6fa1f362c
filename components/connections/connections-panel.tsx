"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { canManage, tabHref, type PublicApp } from "@/components/authenticators/selected-app";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { useMembers } from "@/lib/queries/apps";
import { useAuthenticators, type PublicAuthenticator } from "@/lib/queries/authenticators";
import { connectUrl, useConnections, useDisconnect } from "@/lib/queries/connections";
import { ConnectionCard } from "./connection-card";
import { useCallbackToast } from "./use-callback-toast";

/** The Connections tab: the signed-in user's own accounts at each of the app's active authenticators. */
export function ConnectionsPanel({ app }: { app: PublicApp }) {
  const authenticators = useAuthenticators(app.app_id);
  const connections = useConnections(app.app_id);
  const disconnect = useDisconnect(app.app_id);
  const toast = useToast();
  const [disconnecting, setDisconnecting] = useState<PublicAuthenticator | null>(null);

  const names = useMemo(
    () => (authenticators.isPending ? null : new Map((authenticators.data ?? []).map((a) => [a.authenticator_id, a.name]))),
    [authenticators.isPending, authenticators.data],
  );
  useCallbackToast(names);

  const returnTo = tabHref("connections", app.app_id);
  const byId = new Map((connections.data ?? []).map((c) => [c.authenticator_id, c]));

  let body;
  if (authenticators.isPending || connections.isPending) {
    body = (
      <ul aria-busy="true" aria-label="Loading connections" className="grid gap-4 lg:grid-cols-2">
        {[0, 1].map((i) => (
          <li key={i} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
            <div className="flex items-center gap-3">
              <Skeleton className="size-10" />
              <Skeleton className="h-4 w-40" />
            </div>
            <Skeleton className="h-3 w-3/4" />
            <Skeleton className="h-3 w-1/2" />
            <Skeleton className="h-9 w-28" />
          </li>
        ))}
      </ul>
    );
  } else if (authenticators.error || connections.error) {
    body = (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        {(authenticators.error ?? connections.error)?.message}
      </p>
    );
  } else if (!authenticators.data?.length) {
    body = <ContactDeveloper app={app} />;
  } else {
    body = (
      <ul aria-label="Authenticators you can connect" className="grid gap-4 lg:grid-cols-2">
        {authenticators.data.map((a) => (
          <ConnectionCard
            key={a.authenticator_id}
            appName={app.name}
            authenticator={a}
            connection={byId.get(a.authenticator_id)}
            connectHref={connectUrl(a.authenticator_id, app.app_id, returnTo)}
            onDisconnect={() => {
              disconnect.reset();
              setDisconnecting(a);
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm leading-6 text-slate-600">
        Connect your own accounts so <strong className="font-medium text-slate-800">{app.name}</strong> can work with them on your behalf. Tokens are
        stored encrypted and refreshed automatically; disconnecting revokes them at the provider.
      </p>
      {body}
      <ConfirmDialog
        open={disconnecting !== null}
        title={`Disconnect ${disconnecting?.name ?? ""}?`}
        confirmLabel="Disconnect"
        pending={disconnect.isPending}
        error={disconnect.error?.message}
        onCancel={() => setDisconnecting(null)}
        onConfirm={() => {
          if (!disconnecting) return;
          const target = disconnecting;
          disconnect.mutate(target.authenticator_id, {
            onSuccess: () => {
              setDisconnecting(null);
              toast({ title: `${target.name} disconnected`, description: "Access was revoked and the stored tokens deleted." });
            },
          });
        }}
      >
        <p>
          {app.name} will no longer be able to use your {disconnecting?.name} account. FiberWise revokes its access at the provider and deletes the stored
          tokens. You can connect again at any time.
        </p>
      </ConfirmDialog>
    </div>
  );
}

/** The spec's "Contact developer" branch: nothing to connect yet. */
function ContactDeveloper({ app }: { app: PublicApp }) {
  const members = useMembers(app.app_id);
  const owners = members.data?.filter((m) => m.role === "owner") ?? [];
  return (
    <EmptyState
      title="No authenticators available"
      description={`No authenticators are set up for this app yet. Contact the app's developer to add one; you can connect your accounts here once they have.`}
      action={
        <div className="space-y-3">
          {members.isPending ? (
            <Skeleton className="mx-auto h-4 w-48" />
          ) : owners.length ? (
            <div>
              <p className="text-slate-600">{owners.length === 1 ? "App owner" : "App owners"}</p>
              <ul className="mt-1 space-y-0.5" aria-label="App owners">
                {owners.map((owner) => (
                  <li key={owner.user_id}>
                    <a href={`mailto:${owner.email}?subject=${encodeURIComponent(`Authenticators for ${app.name}`)}`} className="font-medium text-brand-700 hover:underline">
                      {owner.email}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {canManage(app) ? (
            <p className="text-slate-600">
              You can add one yourself on the{" "}
              <Link href={tabHref("manage", app.app_id)} className="font-medium text-brand-700 hover:underline">
                Manage Authenticators
              </Link>{" "}
              tab.
            </p>
          ) : null}
        </div>
      }
    />
  );
}
