"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ApiError } from "@/lib/queries/api-fetch";
import { useEndUsers, type EndUserFilters as Filters, type PublicEndUser } from "@/lib/queries/end-users";
import type { PublicApp } from "@/lib/schemas/apps";
import { cn } from "@/lib/utils/cn";
import { EndUserCard } from "./end-user-card";
import { DeleteEndUserDialog, DisconnectEndUserDialog, type DisconnectTarget } from "./end-user-dialogs";
import { EndUserFilters } from "./end-user-filters";
import { EndUsersRestricted, EndUsersSkeleton, NoEndUsersYet } from "./end-users-states";
import { useEndUserFilters } from "./use-end-user-filters";
import { useReconnectLink } from "./use-reconnect-link";

/** The End users page for one app: filters, the list a page at a time, and the actions on each end user. */
export function EndUsersPanel({ app, initialFilters, apiBase }: { app: PublicApp; initialFilters: Filters; apiBase: string }) {
  const filters = useEndUserFilters(app.app_id, initialFilters);
  const list = useEndUsers(app.app_id, filters.applied);
  const reconnect = useReconnectLink(app.app_id);
  const [disconnecting, setDisconnecting] = useState<DisconnectTarget | null>(null);
  const [deleting, setDeleting] = useState<PublicEndUser | null>(null);

  if (list.error instanceof ApiError && list.error.code === "insufficient_role") return <EndUsersRestricted app={app} />;
  const endUsers = list.data?.pages.flatMap((page) => page.end_users) ?? [];

  let body;
  if (list.isPending) {
    body = <EndUsersSkeleton />;
  } else if (!list.data) {
    body = null;
  } else if (!endUsers.length && !filters.active) {
    body = <NoEndUsersYet app={app} apiBase={apiBase} />;
  } else if (!endUsers.length) {
    body = (
      <EmptyState
        title="No end users match"
        description="Nobody matches this search, status and tag together."
        action={<Button variant="secondary" onClick={filters.clear}>Clear filters</Button>}
      />
    );
  } else {
    body = (
      <div className="space-y-4">
        <ul aria-label="End users" aria-busy={list.isPlaceholderData || undefined} className={cn("space-y-3", list.isPlaceholderData && "opacity-60")}>
          {endUsers.map((endUser) => (
            <EndUserCard
              key={endUser.id}
              endUser={endUser}
              copyPending={reconnect.pendingFor === endUser.id}
              onCopyLink={() => reconnect.copy(endUser.id)}
              onDisconnect={(connection) => setDisconnecting({ endUser, connection })}
              onDelete={() => setDeleting(endUser)}
            />
          ))}
        </ul>
        {list.hasNextPage ? (
          <Button variant="secondary" pending={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Load more
          </Button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm leading-6 text-slate-600">
        The people who use <strong className="font-medium text-slate-800">{app.name}</strong>, newest first. They never sign up to FiberWise: your
        backend names them by your own id when it mints a connect session for them.
      </p>
      {/* Nothing to filter before the first end user appears. */}
      {list.isSuccess && !endUsers.length && !filters.active ? null : <EndUserFilters filters={filters} />}
      <p role="status" className="sr-only">
        {list.isSuccess ? `${endUsers.length}${list.hasNextPage ? "+" : ""} end user${endUsers.length === 1 ? "" : "s"} shown` : ""}
      </p>
      {list.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {list.error.message}
        </p>
      ) : null}
      {body}
      <DisconnectEndUserDialog app={app} target={disconnecting} onClose={() => setDisconnecting(null)} />
      <DeleteEndUserDialog app={app} endUser={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}
