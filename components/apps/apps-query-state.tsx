import { Skeleton } from "@/components/ui/skeleton";

/** What an app-scoped page shows while the user's apps load. */
export function AppsLoading({ panelHeight = "h-32" }: { panelHeight?: "h-32" | "h-48" }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="space-y-3">
      <Skeleton className="h-10 w-full sm:w-80" />
      <Skeleton className={`${panelHeight} w-full rounded-xl`} />
    </div>
  );
}

/** What an app-scoped page shows when the user's apps could not be loaded. */
export function AppsError({ error }: { error: Error }) {
  return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error.message}</p>;
}
