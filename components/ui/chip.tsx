import type { ButtonHTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

const chipBase = "inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** A small read-only label: a scope, a tag. */
export function Chip({ children, className, title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <span title={title} className={cn(chipBase, "bg-slate-100 text-slate-700 ring-slate-200", className)}>
      <span className="truncate">{children}</span>
    </span>
  );
}

/** A chip with a remove button, for editable lists. */
export function RemovableChip({ children, onRemove, removeLabel, title }: { children: ReactNode; onRemove: () => void; removeLabel: string; title?: string }) {
  return (
    <span title={title} className={cn(chipBase, "bg-brand-50 py-0.5 pl-2.5 pr-1 text-brand-700 ring-brand-200")}>
      <span className="truncate">{children}</span>
      <button type="button" onClick={onRemove} className="shrink-0 rounded-full p-0.5 text-brand-500 hover:bg-brand-100 hover:text-brand-700">
        <span className="sr-only">{removeLabel}</span>
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
          <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
        </svg>
      </button>
    </span>
  );
}

/** An on/off chip (aria-pressed), optionally with a second line. */
export function ToggleChip({
  pressed,
  children,
  description,
  className,
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & { pressed: boolean; description?: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      className={cn(
        "flex min-w-0 items-start gap-2 rounded-lg border px-3 py-2 text-left text-sm transition-colors",
        pressed ? "border-brand-300 bg-brand-50 text-brand-800" : "border-slate-200 bg-white text-slate-800 hover:border-slate-300 hover:bg-slate-50",
        className,
      )}
      {...props}
    >
      <span
        aria-hidden="true"
        className={cn(
          "mt-0.5 flex size-4 shrink-0 items-center justify-center rounded border",
          pressed ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white",
        )}
      >
        {pressed ? (
          <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={2.5} className="size-3">
            <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        ) : null}
      </span>
      <span className="min-w-0">
        <span className="block break-all font-mono text-xs font-semibold">{children}</span>
        {description ? <span className="mt-0.5 block text-xs text-slate-600">{description}</span> : null}
      </span>
    </button>
  );
}

/** The first `max` items as chips, the rest as "+N" (their names in its tooltip and for screen readers). */
export function ChipList({ items, max = 3, label, format = (s) => s }: { items: string[]; max?: number; label?: string; format?: (item: string) => string }) {
  if (!items.length) return <span className="text-xs text-slate-500">None</span>;
  const shown = items.slice(0, max);
  const rest = items.slice(max);
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {shown.map((item) => (
        <li key={item} className="max-w-48">
          <Chip title={item}>{format(item)}</Chip>
        </li>
      ))}
      {rest.length ? (
        <li>
          <Chip title={rest.join(", ")} className="bg-white">
            +{rest.length}
            <span className="sr-only"> more: {rest.map(format).join(", ")}</span>
          </Chip>
        </li>
      ) : null}
    </ul>
  );
}
