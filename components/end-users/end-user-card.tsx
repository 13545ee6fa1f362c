"use client";

import { formatDate } from "@/components/authenticators/format";
import { ProviderMark } from "@/components/authenticators/provider-mark";
import { ConnectionStatusPill, connectionState } from "@/components/connections/connection-status";
import { Button } from "@/components/ui/button";
import { ChipList } from "@/components/ui/chip";
import type { PublicEndUser } from "@/lib/queries/end-users";
import type { PublicConnection } from "@/lib/schemas/public-connection";

type EndUserCardProps = {
  endUser: PublicEndUser;
  copyPending: boolean;
  onCopyLink: () => void;
  onDisconnect: (connection: PublicConnection) => void;
  onDelete: () => void;
};

/** One end user of the app: who they are (the app's own id, email, name, tags) and each account they connected. */
export function EndUserCard({ endUser: u, copyPending, onCopyLink, onDisconnect, onDelete }: EndUserCardProps) {
  const headingId = `end-user-heading-${u.id}`;
  const tags = Object.entries(u.tags).map(([name, value]) => `${name}:${value}`);

  return (
    <li aria-labelledby={headingId} data-testid={`end-user-${u.id}`} className="rounded-xl border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h3 id={headingId} className="break-all font-semibold text-slate-900">
            {u.display_name || u.id}
          </h3>
          <p className="break-all text-sm text-slate-600">
            <code className="text-xs">{u.id}</code>
            {u.email ? <span> · {u.email}</span> : null}
          </p>
          <p className="text-xs text-slate-500">
            Created <time dateTime={u.created_at}>{formatDate(u.created_at)}</time>
          </p>
          {tags.length ? <ChipList items={tags} max={4} label={`Tags of ${u.id}`} /> : null}
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button variant="secondary" size="sm" pending={copyPending} onClick={onCopyLink}>
            Copy reconnect link<span className="sr-only"> for {u.id}</span>
          </Button>
          <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={onDelete}>
            Delete<span className="sr-only"> end user {u.id}</span>
          </Button>
        </div>
      </div>

      <div className="border-t border-slate-100 px-4 py-2">
        {u.connections.length ? (
          <ul aria-label={`Connections of ${u.id}`} className="divide-y divide-slate-100">
            {u.connections.map((c) => (
              <li key={c.authenticator_id} data-testid={`end-user-connection-${c.authenticator_id}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <ProviderMark type={c.authenticator_type} name={c.authenticator_name} />
                <div className="min-w-0 flex-1 basis-48">
                  <p className="truncate text-sm font-medium text-slate-900">{c.authenticator_name}</p>
                  <p className="text-xs text-slate-500">
                    Connected <time dateTime={c.connected_at}>{formatDate(c.connected_at)}</time>
                    {c.last_used_at ? <> · last used {formatDate(c.last_used_at)}</> : null}
                  </p>
                  {c.status !== "active" && c.status_reason ? <p className="mt-1 text-xs text-amber-800">{c.status_reason}</p> : null}
                </div>
                <div className="flex items-center gap-2">
                  <ConnectionStatusPill state={connectionState(c.status)} />
                  <Button variant="ghost" size="sm" onClick={() => onDisconnect(c)}>
                    Disconnect<span className="sr-only"> {c.authenticator_name} of {u.id}</span>
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="flex flex-wrap items-center gap-2 py-2 text-sm text-slate-500">
            <ConnectionStatusPill state="not_connected" />
            No accounts connected yet. Send a reconnect link to connect one.
          </p>
        )}
      </div>
    </li>
  );
}
