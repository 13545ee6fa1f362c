"use client";

import { useState } from "react";
import { RemovableChip, ToggleChip } from "@/components/ui/chip";
import { normalizeScopes } from "@/lib/schemas/authenticator-fields";
import { broadScopeWarningsFor } from "@/lib/templates/broad-scopes";
import { cn } from "@/lib/utils/cn";
import { shortScope, type PublicProviderTemplate } from "./provider-catalog";

type ScopePickerProps = {
  id: string;
  /** The chosen provider's template; none for a custom provider. */
  template: PublicProviderTemplate | undefined;
  value: string[];
  onChange: (scopes: string[]) => void;
  /** Scopes to offer when the template has no catalogue (a custom provider's discovered scopes). */
  suggestions?: string[];
  error?: string;
};

/**
 * Scopes as chips: the template's scope bundles as one-click sets, its scope catalogue as toggles
 * with descriptions, and free text ("comma-separated permissions") for anything else. Broad scopes
 * are flagged as they are picked.
 */
export function ScopePicker({ id, template, value, onChange, suggestions = [], error }: ScopePickerProps) {
  const [draft, setDraft] = useState("");
  const available = template?.scopes.length ? template.scopes : suggestions.map((name) => ({ name, description: undefined }));
  const bundles = template?.scope_bundles ?? [];
  const warnings = broadScopeWarningsFor(template?.scopes ?? [], value);

  const commit = () => {
    if (!draft.trim()) return;
    onChange(normalizeScopes([...value, ...normalizeScopes(draft)]));
    setDraft("");
  };
  const toggle = (scope: string) => onChange(value.includes(scope) ? value.filter((s) => s !== scope) : [...value, scope]);

  return (
    <fieldset className="space-y-4" aria-describedby={`${id}-about`}>
      <div>
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        <p id={`${id}-about`} className="mt-0.5 text-xs text-slate-500">
          The permissions users are asked to grant. Request only what the app needs.
        </p>
      </div>

      {bundles.length ? (
        <div className="space-y-2">
          <p id={`${id}-bundles`} className="text-xs font-medium uppercase tracking-wide text-slate-500">
            Template scopes
          </p>
          <div role="group" aria-labelledby={`${id}-bundles`} className="flex flex-wrap gap-2">
            {bundles.map((bundle) => {
              const included = bundle.scopes.every((s) => value.includes(s));
              return (
                <button
                  key={bundle.id}
                  type="button"
                  title={`${bundle.description ? `${bundle.description}: ` : ""}${bundle.scopes.join(", ")}`}
                  onClick={() => onChange(normalizeScopes([...value, ...bundle.scopes]))}
                  className={cn(
                    "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium transition-colors",
                    included ? "border-brand-300 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
                  )}
                >
                  <span aria-hidden="true">{included ? "✓" : "+"}</span>
                  {bundle.label}
                  {included ? <span className="sr-only"> (added)</span> : null}
                </button>
              );
            })}
          </div>
        </div>
      ) : null}

      {available.length ? (
        <div className="space-y-2">
          <p id={`${id}-available`} className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {template?.scopes.length ? `${template.display_name} scopes` : "Scopes the provider supports"}
          </p>
          <div role="group" aria-labelledby={`${id}-available`} className="grid max-h-64 gap-2 overflow-y-auto pr-1 sm:grid-cols-2">
            {available.map((scope) => (
              <ToggleChip key={scope.name} pressed={value.includes(scope.name)} onClick={() => toggle(scope.name)} description={scope.description} title={scope.name}>
                {shortScope(scope.name)}
              </ToggleChip>
            ))}
          </div>
        </div>
      ) : null}

      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          Add scopes <span className="font-normal text-slate-500">(comma or space separated)</span>
        </label>
        <div
          className={cn(
            "flex flex-wrap items-center gap-1.5 rounded-md border bg-white px-2 py-1.5 shadow-xs focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/30",
            error ? "border-red-500" : "border-slate-300",
          )}
        >
          {value.length ? (
          <ul aria-label="Selected scopes" className="flex min-w-0 flex-wrap gap-1.5">
            {value.map((scope) => (
              <li key={scope} className="max-w-full">
                <RemovableChip title={scope} removeLabel={`Remove scope ${scope}`} onRemove={() => onChange(value.filter((s) => s !== scope))}>
                  {shortScope(scope)}
                </RemovableChip>
              </li>
            ))}
          </ul>
          ) : null}
          <input
            id={id}
            value={draft}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!error || undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            placeholder={value.length ? "Add more…" : "e.g. read:user, repo"}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === "," || (event.key === " " && draft.trim())) {
                event.preventDefault();
                commit();
              } else if (event.key === "Backspace" && !draft && value.length) {
                onChange(value.slice(0, -1));
              }
            }}
            className="min-w-32 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm text-slate-900 placeholder:text-slate-400 focus:outline-none"
          />
        </div>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>

      <div role="status" data-testid="scope-warnings">
        {warnings.length ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Broad access</p>
          <ul className="mt-1 space-y-1">
            {warnings.map((w) => (
              <li key={w.scope}>
                <code className="rounded bg-white/70 px-1 text-xs">{shortScope(w.scope)}</code>: {w.reason}. Users are more likely to decline it; request
                it only if the app needs it.
              </li>
            ))}
          </ul>
        </div>
        ) : null}
      </div>
    </fieldset>
  );
}
