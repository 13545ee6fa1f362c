"use client";

import { ChipList } from "@/components/ui/chip";
import type { PublicAuthenticator } from "@/lib/queries/authenticators";
import { cn } from "@/lib/utils/cn";
import { formatDate } from "./format";
import { providerName, shortScope } from "./provider-catalog";
import { ProviderMark } from "./provider-mark";

type AuthenticatorsTableProps = {
  items: PublicAuthenticator[];
  /** Templates' display names by type, as they arrive from the templates API. */
  names: ReadonlyMap<string, string>;
  canManage: boolean;
  onEdit: (a: PublicAuthenticator) => void;
  onToggle: (a: PublicAuthenticator) => void;
  onDelete: (a: PublicAuthenticator) => void;
};

export function StatusBadge({ active }: { active: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium",
        active ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600",
      )}
    >
      <span aria-hidden="true" className={cn("size-1.5 rounded-full", active ? "bg-emerald-500" : "bg-slate-400")} />
      {active ? "Active" : "Disabled"}
    </span>
  );
}

const ICONS = {
  edit: "M4 20h4L18.5 9.5a2.12 2.12 0 0 0-3-3L5 17v3ZM14 8l3 3",
  disable: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM10 9v6m4-6v6",
  enable: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM10 8.5v7l5.5-3.5-5.5-3.5Z",
  delete: "M4 7h16M10 11v6m4-6v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3",
} as const;

/** An icon button whose name (and tooltip) says what it does to which authenticator. */
function RowAction({ icon, label, onClick, danger }: { icon: keyof typeof ICONS; label: string; onClick: () => void; danger?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className={cn(
        "rounded-md p-1.5 transition-colors",
        danger ? "text-slate-500 hover:bg-red-50 hover:text-red-700" : "text-slate-500 hover:bg-slate-100 hover:text-slate-800",
      )}
    >
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className="size-4" aria-hidden="true">
        <path d={ICONS[icon]} />
      </svg>
    </button>
  );
}

const th = "px-3 py-2.5 font-medium first:pl-4 last:pr-4";
const td = "px-3 py-3 first:pl-4 last:pr-4";

/** The app's authenticators; scrolls sideways inside its own box on narrow screens. */
export function AuthenticatorsTable({ items, names, canManage, onEdit, onToggle, onDelete }: AuthenticatorsTableProps) {
  return (
    // `relative` keeps the screen-reader-only labels inside the scrolling box on narrow screens.
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs">
      <table className="min-w-full text-left text-sm" aria-label="Authenticators">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>Scopes</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={cn(th, "text-right")}>Connections</th>
            <th scope="col" className={th}>Created</th>
            {canManage ? (
              <th scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((a) => (
            <tr key={a.authenticator_id} data-testid={`authenticator-${a.authenticator_id}`} className={cn(!a.is_active && "bg-slate-50/70")}>
              <td className={td}>
                <div className="flex items-center gap-3">
                  <ProviderMark type={a.authenticator_type} name={a.name} displayName={names.get(a.authenticator_type)} />
                  <div className="min-w-0">
                    <p className="whitespace-nowrap font-medium text-slate-900">{a.name}</p>
                    <p className="whitespace-nowrap text-xs text-slate-500">
                      {providerName(a.authenticator_type, names)} · <code>{a.authenticator_id}</code>
                    </p>
                  </div>
                </div>
              </td>
              <td className={cn(td, "min-w-44")}>
                <ChipList items={a.scopes} max={2} label={`Scopes of ${a.name}`} format={shortScope} />
              </td>
              <td className={td}>
                <StatusBadge active={a.is_active} />
              </td>
              <td data-testid="connections-count" className={cn(td, "text-right tabular-nums text-slate-700")}>
                {a.connections_count}
              </td>
              <td className={cn(td, "whitespace-nowrap text-slate-600")}>{formatDate(a.created_at)}</td>
              {canManage ? (
                <td className={cn(td, "py-2")}>
                  <div className="flex justify-end gap-0.5">
                    <RowAction icon="edit" label={`Edit ${a.name}`} onClick={() => onEdit(a)} />
                    <RowAction icon={a.is_active ? "disable" : "enable"} label={`${a.is_active ? "Disable" : "Enable"} ${a.name}`} onClick={() => onToggle(a)} />
                    <RowAction icon="delete" label={`Delete ${a.name}`} onClick={() => onDelete(a)} danger />
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
