"use client";

import { CONNECTION_STATES } from "@/components/connections/connection-status";
import { inputClass } from "@/components/ui/form-field";
import { CONNECTION_STATUSES, type ConnectionStatusFilter } from "@/lib/schemas/end-users";
import { cn } from "@/lib/utils/cn";
import type { useEndUserFilters } from "./use-end-user-filters";

type Filters = ReturnType<typeof useEndUserFilters>;

/** Search (id, email, name), connection status and one tag; they narrow the list as you type. */
export function EndUserFilters({ filters }: { filters: Filters }) {
  const { values, set, tagError } = filters;
  return (
    <form role="search" aria-label="Filter end users" onSubmit={(event) => event.preventDefault()} className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
      <div className="space-y-1.5">
        <label htmlFor="end-user-search" className="block text-sm font-medium text-slate-800">
          Search
        </label>
        <input
          id="end-user-search"
          type="search"
          value={values.q}
          onChange={(event) => set.q(event.target.value)}
          placeholder="End user id, email or name"
          maxLength={200}
          className={inputClass}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="end-user-status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <select
          id="end-user-status"
          value={values.status ?? ""}
          onChange={(event) => set.status((event.target.value || undefined) as ConnectionStatusFilter | undefined)}
          className={inputClass}
        >
          <option value="">Any status</option>
          {CONNECTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {CONNECTION_STATES[status].label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="end-user-tag" className="block text-sm font-medium text-slate-800">
          Tag
        </label>
        <input
          id="end-user-tag"
          value={values.tag}
          onChange={(event) => set.tag(event.target.value)}
          placeholder="plan:pro"
          maxLength={330}
          aria-invalid={tagError ? true : undefined}
          aria-describedby={tagError ? "end-user-tag-error" : undefined}
          className={cn(inputClass, "font-mono")}
        />
        {tagError ? (
          <p id="end-user-tag-error" role="alert" className="text-xs text-red-600">
            {tagError}
          </p>
        ) : null}
      </div>
    </form>
  );
}
