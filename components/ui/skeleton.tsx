import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A pulsing placeholder block; give it the size of what it stands in for. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200/70", className)} {...props} />;
}
