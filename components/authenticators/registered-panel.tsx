"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { RegisteredAuthenticator } from "@/lib/queries/authenticators";
import { useTemplate } from "@/lib/queries/templates";
import { shortScope } from "./provider-catalog";

/** After registering: the real redirect URI to paste at the provider, and any warnings the API gave. */
export function RegisteredPanel({ authenticator, onDismiss }: { authenticator: RegisteredAuthenticator; onDismiss: () => void }) {
  const { data: template } = useTemplate(authenticator.authenticator_type);
  return (
    <section aria-labelledby="registered-heading" data-testid="registered-panel" className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-5">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="registered-heading" className="text-sm font-semibold text-emerald-900">
            {authenticator.name} registered
          </h2>
          <p className="mt-0.5 text-sm text-emerald-800">Paste this in the provider&apos;s console as the authorized redirect URI; sign-ins fail until it is there.</p>
        </div>
        <Button variant="ghost" size="sm" onClick={onDismiss} className="shrink-0 text-emerald-900 hover:bg-emerald-100">
          Done
        </Button>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code data-testid="registered-redirect-uri" className="block min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-800 ring-1 ring-emerald-200">
          {authenticator.redirect_uri}
        </code>
        <CopyButton value={authenticator.redirect_uri} label="Copy redirect URI" className="shrink-0" />
      </div>
      {template?.console_url ? (
        <p className="text-sm">
          <a href={template.console_url} target="_blank" rel="noreferrer" className="font-medium text-emerald-900 underline hover:no-underline">
            Open the {template.display_name} console<span className="sr-only"> (opens in a new tab)</span>
          </a>
        </p>
      ) : null}
      {authenticator.warnings.length ? (
        <ul className="space-y-1 rounded-md bg-white/70 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {authenticator.warnings.map((w) => (
            <li key={`${w.code}-${w.scope ?? w.field ?? w.message}`}>
              {w.scope ? <code className="text-xs">{shortScope(w.scope)}</code> : null} {w.scope ? w.message.replace(`${w.scope}: `, "") : w.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
