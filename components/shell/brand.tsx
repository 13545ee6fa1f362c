import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils/cn";

/** The product name with its "OAuth" badge, linking home. */
export function Brand({ className }: { className?: string }) {
  return (
    <Link href="/" className={cn("flex shrink-0 items-center gap-2 rounded-md", className)}>
      <span className="flex size-7 items-center justify-center rounded-lg bg-brand-600 text-white" aria-hidden="true">
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" className="size-4">
          <path d="M4 8c4-4 8 4 16 0M4 16c4-4 8 4 16 0" />
        </svg>
      </span>
      <span className="text-base font-semibold tracking-tight text-slate-900">FiberWise</span>
      <Badge tone="brand">OAuth</Badge>
    </Link>
  );
}
