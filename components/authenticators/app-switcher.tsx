"use client";

import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/form-field";
import { Skeleton } from "@/components/ui/skeleton";
import { useApps } from "@/lib/queries/apps";
import { cn } from "@/lib/utils/cn";
import { pickApp, tabHref, type AuthenticatorsTab } from "./selected-app";

type AppSwitcherProps = { appId?: string } & ({ tab: AuthenticatorsTab; path?: never } | { path: string; tab?: never });

/** Which app the page shows; the choice lives in ?app_id= so it survives reloads and tab switches. */
export function AppSwitcher({ appId, tab, path }: AppSwitcherProps) {
  const apps = useApps();
  const router = useRouter();
  if (apps.isPending) return <Skeleton className="h-9 w-full sm:w-64" />;
  if (!apps.data?.length) return null;
  const selected = pickApp(apps.data, appId);

  return (
    <div className="flex w-full items-center gap-2 sm:w-auto">
      <label htmlFor="app-switcher" className="shrink-0 text-sm font-medium text-slate-700">
        App
      </label>
      <select
        id="app-switcher"
        value={selected?.app_id}
        onChange={(event) => {
          const id = event.target.value;
          router.replace(path ? `${path}?${new URLSearchParams({ app_id: id })}` : tabHref(tab!, id), { scroll: false });
        }}
        className={cn(inputClass, "min-w-0 sm:w-64")}
      >
        {apps.data.map((app) => (
          <option key={app.app_id} value={app.app_id}>
            {app.name} · {app.role}
          </option>
        ))}
      </select>
    </div>
  );
}
