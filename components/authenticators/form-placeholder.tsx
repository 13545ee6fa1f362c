import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DialogBody, DialogFooter } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";

// What the authenticator dialog shows while its form or a template is on the way, or when one could
// not be fetched. Plain markup (no form library), so it ships with the page.

/** Placeholder fields; the sentence is what a screen reader announces. */
export function LoadingFields({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div aria-busy="true" className="space-y-4">
      <p role="status" className="text-sm text-slate-500">
        {label}
      </p>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="space-y-1.5">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-9 w-full" />
        </div>
      ))}
    </div>
  );
}

/** A template (or the provider list) that could not be fetched, with a way to try again. */
export function FetchProblem({ children, onRetry }: { children: ReactNode; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-col gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 sm:flex-row sm:items-center sm:justify-between">
      <p>{children}</p>
      <Button type="button" variant="secondary" size="sm" onClick={onRetry} className="shrink-0">
        Try again
      </Button>
    </div>
  );
}

/** The whole dialog body while the form's code downloads (the dialog's own close button and Escape still work). */
export function FormLoading({ onCancel, label = "Loading the form…", children }: { onCancel?: () => void; label?: string; children?: ReactNode }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <DialogBody>{children ?? <LoadingFields label={label} />}</DialogBody>
      {onCancel ? (
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </DialogFooter>
      ) : null}
    </div>
  );
}
