"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";
import { inputClass } from "./form-field";

export type ComboboxOption = {
  value: string;
  label: string;
  /** A second, quieter line: an id, a category. */
  hint?: string;
  /** Options with the same group are listed together under its name, in order of first appearance. */
  group?: string;
  /** Extra words the filter matches. */
  keywords?: string;
  /** Listed whatever the filter (e.g. "Custom provider"). */
  alwaysShow?: boolean;
};

type ComboboxProps = {
  id: string;
  options: readonly ComboboxOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  autoFocus?: boolean;
  onBlur?: () => void;
  /** The options are still being fetched: the list says so, and an Enter pressed meanwhile picks once they are in. */
  loading?: boolean;
  /** What the list says while loading. */
  loadingLabel?: string;
};

function matches(option: ComboboxOption, query: string): boolean {
  if (!query || option.alwaysShow) return true;
  const haystack = `${option.label} ${option.value} ${option.hint ?? ""} ${option.keywords ?? ""}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * A searchable single-select (WAI-ARIA combobox with a listbox popup): type to filter, arrows to
 * move, Enter to choose, Escape to close the list. Label it with <label htmlFor={id}>.
 */
export function Combobox({ id, options, value, onChange, placeholder, invalid, describedBy, autoFocus, onBlur, loading = false, loadingLabel = "Loading…" }: ComboboxProps) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Enter while the options load: someone who typed a name and pressed Enter gets that option.
  const chooseWhenLoaded = useRef(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const selected = options.find((o) => o.value === value);

  const filtered = useMemo(() => options.filter((o) => matches(o, query ?? "")), [options, query]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, Array<{ option: ComboboxOption; index: number }>>();
    filtered.forEach((option, index) => {
      const key = option.group ?? "";
      byGroup.set(key, [...(byGroup.get(key) ?? []), { option, index }]);
    });
    return [...byGroup];
  }, [filtered]);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeIndex = Math.min(active, filtered.length - 1);

  useEffect(() => {
    // Keep the active option in view by scrolling the list only (scrollIntoView would also scroll
    // whatever the combobox sits in, e.g. a dialog).
    const list = listRef.current;
    const option = open && activeIndex >= 0 ? document.getElementById(`${listId}-option-${activeIndex}`) : null;
    if (!list || !option) return;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
    }
  }, [open, activeIndex, listId]);

  const choose = (option: ComboboxOption | undefined) => {
    chooseWhenLoaded.current = false;
    if (!option) return;
    onChange(option.value);
    setQuery(null);
    setOpen(false);
  };

  const pendingChoice = !loading && open ? filtered[activeIndex] : undefined;
  useEffect(() => {
    if (!pendingChoice || !chooseWhenLoaded.current) return;
    chooseWhenLoaded.current = false;
    onChange(pendingChoice.value);
  }, [pendingChoice, onChange]);

  // A new value (chosen here, or set by the form) ends the search in progress.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setQuery(null);
    setOpen(false);
  }

  const openAt = (index: number) => {
    setOpen(true);
    setActive(Math.max(0, index));
  };

  return (
    <div
      ref={rootRef}
      className="relative"
      onBlur={(event) => {
        if (rootRef.current?.contains(event.relatedTarget as Node | null)) return;
        setOpen(false);
        setQuery(null);
        onBlur?.();
      }}
    >
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-autofocus={autoFocus || undefined}
        placeholder={placeholder}
        value={query ?? selected?.label ?? ""}
        className={cn(inputClass, "pr-9")}
        onClick={() => openAt(Math.max(0, filtered.findIndex((o) => o.value === value)))}
        onChange={(event) => {
          setQuery(event.target.value);
          openAt(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!open) openAt(Math.max(0, filtered.findIndex((o) => o.value === value)));
            else setActive(Math.min(activeIndex + 1, filtered.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            if (open) setActive(Math.max(activeIndex - 1, 0));
          } else if (event.key === "Home" && open) {
            event.preventDefault();
            setActive(0);
          } else if (event.key === "End" && open) {
            event.preventDefault();
            setActive(filtered.length - 1);
          } else if (event.key === "Enter") {
            // Never submit the surrounding form from here.
            event.preventDefault();
            if (open && loading) chooseWhenLoaded.current = true;
            else if (open) choose(filtered[activeIndex]);
            else openAt(0);
          } else if (event.key === "Escape" && (open || query !== null)) {
            // Close the list, not the dialog around it.
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
            setQuery(null);
            chooseWhenLoaded.current = false;
          }
        }}
      />
      <svg viewBox="0 0 20 20" fill="currentColor" className="pointer-events-none absolute right-3 top-2.5 size-4 text-slate-400" aria-hidden="true">
        <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
      </svg>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="Options"
        aria-busy={loading || undefined}
        hidden={!open}
        className="absolute inset-x-0 z-20 mt-1 max-h-72 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
      >
        {loading ? (
          <p role="status" className="px-3 py-2 text-sm text-slate-500">
            {loadingLabel}
          </p>
        ) : filtered.length === 0 ? (
          <p className="px-3 py-2 text-sm text-slate-500">No matches</p>
        ) : null}
        {groups.map(([group, items]) => (
          <div key={group || "all"} role="group" aria-label={group || undefined}>
            {group ? (
              <div role="presentation" className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">
                {group}
              </div>
            ) : null}
            {items.map(({ option, index }) => (
              <div
                key={option.value}
                id={optionId(index)}
                role="option"
                aria-selected={option.value === value}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => activeIndex !== index && setActive(index)}
                onClick={() => choose(option)}
                className={cn(
                  "flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-1.5 text-sm",
                  index === activeIndex ? "bg-brand-50 text-brand-800" : "text-slate-800",
                )}
              >
                <span className="truncate">{option.label}</span>
                {option.hint ? (
                  <span aria-hidden="true" className="shrink-0 text-xs text-slate-600">
                    {option.hint}
                  </span>
                ) : null}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
