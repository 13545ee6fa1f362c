import type { PublicApp } from "@/lib/schemas/apps";

/** A plain GET form: picking an app reloads the page with ?app_id=…, no client code needed. */
export function AppPicker({ apps, current, extra = {} }: { apps: PublicApp[]; current: string; extra?: Record<string, string> }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Choose app">
      <label className="text-sm font-medium text-slate-700">
        App
        <select name="app_id" defaultValue={current} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {apps.map((app) => (
            <option key={app.app_id} value={app.app_id}>
              {app.name}
            </option>
          ))}
        </select>
      </label>
      {Object.entries(extra).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
        Show
      </button>
    </form>
  );
}
