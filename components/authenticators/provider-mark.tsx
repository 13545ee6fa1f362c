import { cn } from "@/lib/utils/cn";
import { CUSTOM_TYPE } from "@/lib/templates/types";

const FIXED: Record<string, string> = {
  google: "bg-blue-100 text-blue-800",
  microsoft: "bg-sky-100 text-sky-800",
  github: "bg-slate-800 text-white",
  slack: "bg-fuchsia-100 text-fuchsia-800",
  [CUSTOM_TYPE]: "bg-slate-100 text-slate-700 ring-1 ring-inset ring-slate-300",
};

const PALETTE = [
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-800",
  "bg-rose-100 text-rose-800",
  "bg-violet-100 text-violet-800",
  "bg-teal-100 text-teal-800",
  "bg-orange-100 text-orange-800",
  "bg-indigo-100 text-indigo-800",
  "bg-lime-100 text-lime-800",
];

function colourFor(type: string): string {
  const fixed = FIXED[type];
  if (fixed) return fixed;
  let hash = 0;
  for (const char of type) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/**
 * The provider's initial in a coloured square; decorative, the name is always written next to it.
 * A custom provider's comes from the authenticator's name, a template's from its display name (or
 * its type while that is loading).
 */
export function ProviderMark({ type, name, displayName, size = "md" }: { type: string; name?: string; displayName?: string; size?: "md" | "lg" }) {
  const label = type === CUSTOM_TYPE ? name || "Custom" : (displayName ?? type);
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-md font-semibold",
        size === "lg" ? "size-10 text-base" : "size-7 text-xs",
        colourFor(type),
      )}
    >
      {label.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}
