import "server-only";
import { ProviderMark } from "@/components/authenticators/provider-mark";
import { CUSTOM_TYPE, scopeDescription } from "@/components/authenticators/provider-catalog";
import { buttonClasses } from "@/components/ui/button";
import type { ConnectSessionAuthenticator } from "@/lib/schemas/end-users";
import { getTemplate } from "@/lib/templates/catalog";
import { cn } from "@/lib/utils/cn";


const STATUS: Record<string, { label: string; className: string; action: string }> = {
  not_connected: { label: "Not connected", className: "bg-slate-100 text-slate-700", action: "Connect" },
  active: { label: "Connected", className: "bg-emerald-50 text-emerald-700", action: "Reconnect" },
  insufficient_scopes: { label: "Missing permissions", className: "bg-amber-50 text-amber-800", action: "Reconnect" },
  needs_reauth: { label: "Needs reconnecting", className: "bg-amber-50 text-amber-800", action: "Reconnect" },
};

/**
 * One provider an end user may connect from the hosted page: what the app may do, and where they
 * stand. Rendered on the server, so it reads the template catalogue directly.
 */
export function ConnectCard({ appName, authenticator: a, href }: { appName: string; authenticator: ConnectSessionAuthenticator; href: string }) {
  const status = STATUS[a.status] ?? STATUS.needs_reauth!;
  const template = a.authenticator_type === CUSTOM_TYPE ? undefined : getTemplate(a.authenticator_type);
  const provider = template?.displayName ?? (a.authenticator_type === CUSTOM_TYPE ? a.name : a.authenticator_type);
  const headingId = `connect-${a.authenticator_id}`;
  return (
    <li aria-labelledby={headingId} data-testid={`connect-card-${a.authenticator_id}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-xs">
      <div className="flex items-start gap-3">
        <ProviderMark type={a.authenticator_type} name={a.name} displayName={template?.displayName} size="lg" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={headingId} className="truncate font-semibold text-slate-900">{provider}</h2>
            <span data-testid="connect-status" className={cn("rounded-full px-2 py-0.5 text-xs font-medium", status.className)}>{status.label}</span>
          </div>
          <p className="mt-2 text-sm font-medium text-slate-800">{appName} will be able to</p>
          <ul className="mt-1 space-y-1 text-sm text-slate-600">
            {a.scopes.length ? (
              a.scopes.map((scope) => (
                <li key={scope} className="flex gap-2">
                  <span aria-hidden="true">✓</span>
                  <span className="min-w-0 break-words">{scopeDescription(template, scope) ?? <code className="text-xs">{scope}</code>}</span>
                </li>
              ))
            ) : (
              <li>Use the provider&apos;s default permissions.</li>
            )}
          </ul>
          {a.status !== "active" && a.status_reason ? <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{a.status_reason}</p> : null}
          <a href={href} className={buttonClasses(a.status === "active" ? "secondary" : "primary", "mt-4")} data-testid={`connect-${a.authenticator_id}`}>
            {status.action}
          </a>
        </div>
      </div>
    </li>
  );
}
