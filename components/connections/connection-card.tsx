"use client";

import { ProviderMark } from "@/components/authenticators/provider-mark";
import { CUSTOM_TYPE, scopeDescription, shortScope } from "@/components/authenticators/provider-catalog";
import { formatDate, formatDateTime } from "@/components/authenticators/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { ChipList } from "@/components/ui/chip";
import type { PublicAuthenticator } from "@/lib/queries/authenticators";
import type { PublicConnection } from "@/lib/queries/connections";
import { useTemplate } from "@/lib/queries/templates";
import { ConnectionStatusPill, connectionState } from "./connection-status";

type ConnectionCardProps = {
  appName: string;
  authenticator: PublicAuthenticator;
  connection: PublicConnection | undefined;
  connectHref: string;
  onDisconnect: () => void;
};

/** One provider the user can connect: what the app may do with it, and the user's own status. */
export function ConnectionCard({ appName, authenticator: a, connection, connectHref, onDisconnect }: ConnectionCardProps) {
  const state = connectionState(connection?.status);
  // The provider's name and its scopes' descriptions; the scope names stand in until they arrive.
  const { data: template } = useTemplate(a.authenticator_type);
  const provider = a.authenticator_type === CUSTOM_TYPE ? a.name : (template?.display_name ?? a.authenticator_type);
  const headingId = `connection-${a.authenticator_id}`;

  return (
    <li aria-labelledby={headingId} data-testid={`connection-${a.authenticator_id}`} className="flex flex-col rounded-xl border border-slate-200 bg-white shadow-xs">
      <div className="flex items-start gap-3 p-5 pb-4">
        <ProviderMark type={a.authenticator_type} name={a.name} displayName={template?.display_name} size="lg" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <h3 id={headingId} className="truncate font-semibold text-slate-900">
              {a.name}
            </h3>
            <ConnectionStatusPill state={state} />
          </div>
          <p className="text-sm text-slate-500">{provider === a.name ? a.authenticator_id : provider}</p>
        </div>
      </div>

      <div className="flex-1 space-y-4 px-5 pb-4 text-sm">
        <div>
          <p className="font-medium text-slate-800">{appName} will be able to</p>
          {a.scopes.length ? (
            <ul className="mt-1.5 space-y-1">
              {a.scopes.map((scope) => {
                const description = scopeDescription(template, scope);
                return (
                  <li key={scope} className="flex gap-2 text-slate-600">
                    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={2} className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden="true">
                      <path d="m5 10.5 3.5 3.5L15 6.5" strokeLinecap="round" strokeLinejoin="round" />
                    </svg>
                    <span className="min-w-0 break-words">
                      {description ?? <code className="text-xs">{scope}</code>}
                      {description ? <span className="sr-only"> ({scope})</span> : null}
                    </span>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="mt-1 text-slate-600">Use the provider&apos;s default permissions.</p>
          )}
        </div>

        {connection && connection.status !== "active" && connection.status_reason ? (
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {connection.status_reason}
          </p>
        ) : null}

        {connection ? (
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 rounded-lg bg-slate-50 p-3 text-xs sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Connected since</dt>
              <dd className="font-medium text-slate-800">{formatDate(connection.connected_at)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Token expires</dt>
              <dd className="font-medium text-slate-800">{connection.expires_at ? formatDateTime(connection.expires_at) : "Does not expire"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Last refreshed</dt>
              <dd className="font-medium text-slate-800">{connection.last_refreshed_at ? formatDateTime(connection.last_refreshed_at) : "Not yet"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Last used by the app</dt>
              <dd className="font-medium text-slate-800">{connection.last_used_at ? formatDateTime(connection.last_used_at) : "Not yet"}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="mb-1 text-slate-500">Granted scopes</dt>
              <dd>
                <ChipList items={connection.scopes} max={6} label={`Scopes granted to ${a.name}`} format={shortScope} />
              </dd>
            </div>
          </dl>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-5 py-3">
        {state === "not_connected" ? (
          <a href={connectHref} className={buttonClasses("primary")}>
            Connect<span className="sr-only"> {a.name}</span>
          </a>
        ) : state === "active" ? (
          <Button variant="secondary" onClick={onDisconnect}>
            Disconnect<span className="sr-only"> {a.name}</span>
          </Button>
        ) : (
          <>
            <a href={connectHref} className={buttonClasses("primary")}>
              Reconnect<span className="sr-only"> {a.name}</span>
            </a>
            <Button variant="ghost" onClick={onDisconnect}>
              Disconnect<span className="sr-only"> {a.name}</span>
            </Button>
          </>
        )}
        {state === "not_connected" ? <p className="text-xs text-slate-500">You&apos;ll sign in at {provider} and come back here.</p> : null}
      </div>
    </li>
  );
}
