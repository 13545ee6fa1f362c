import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { listApps } from "@/lib/server/apps/list-apps";
import { getPageContext } from "@/lib/server/api/page-context";
import { listEventsSchema } from "@/lib/schemas/events";
import { readPageQuery } from "@/lib/server/api/read-query";
import { listEvents } from "@/lib/server/audit/list-events";

export const metadata: Metadata = { title: "Audit log" };

const TYPES = [["", "All events"], ["oauth.", "Connections"], ["token.", "Tokens"], ["authenticator.", "Authenticators"], ["app.", "App and members"], ["api_key.", "API keys"]];

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext();
  // A filter that does not parse is dropped (the page shows everything) rather than an error page.
  const query = readPageQuery(await searchParams, listEventsSchema);
  const apps = await listApps({ ctx });
  const header = <PageHeader title="Audit log" description="Who did what, and when: every change and every OAuth step, newest first. Secrets are never recorded." />;
  if (!apps.length) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState title="No apps yet" description="The audit log lists the events of the apps you belong to." action={<Link href="/apps" className="font-medium text-brand-700 hover:underline">Create an app</Link>} />
      </div>
    );
  }
  const app = apps.find((a) => a.app_id === query.app_id) ?? apps[0]!;
  const { events, next_before } = await listEvents({ ctx, input: { ...query, app_id: app.app_id } });

  return (
    <div className="space-y-6">
      {header}
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter events">
        <label className="font-medium text-slate-700">
          App
          <select name="app_id" defaultValue={app.app_id} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {apps.map((a) => <option key={a.app_id} value={a.app_id}>{a.name}</option>)}
          </select>
        </label>
        <label className="font-medium text-slate-700">
          Events
          <select name="type" defaultValue={query.type ?? ""} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label className="font-medium text-slate-700">
          Outcome
          <select name="outcome" defaultValue={query.outcome ?? ""} className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Filter</button>
      </form>
      {events.length === 0 ? (
        <EmptyState title="No events" description="Nothing matches these filters yet. Events appear as soon as anything changes in the app." />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" aria-label="Events">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr><th className="px-4 py-2">When</th><th className="px-4 py-2">Event</th><th className="px-4 py-2">Who</th><th className="px-4 py-2">Authenticator</th><th className="px-4 py-2">Details</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id} data-testid="audit-event">
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600"><time dateTime={e.at}>{e.at.replace("T", " ").slice(0, 19)}</time></td>
                  <td className="whitespace-nowrap px-4 py-2">
                    <span className={`mr-2 inline-block size-2 rounded-full ${e.outcome === "failure" ? "bg-rose-500" : "bg-emerald-500"}`} aria-label={e.outcome} />
                    <code className="text-xs">{e.type}</code>
                  </td>
                  <td className="px-4 py-2">{e.actor}</td>
                  <td className="px-4 py-2">{e.authenticator_id ?? "—"}</td>
                  <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-slate-500" title={JSON.stringify(e.details)}>{JSON.stringify(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next_before ? (
        <Link
          className="inline-block text-sm font-medium text-brand-700 hover:underline"
          href={`/audit-log?${new URLSearchParams({ app_id: app.app_id, ...(query.type ? { type: query.type } : {}), ...(query.outcome ? { outcome: query.outcome } : {}), before: next_before })}`}
        >
          Older events →
        </Link>
      ) : null}
    </div>
  );
}
