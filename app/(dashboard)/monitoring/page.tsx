import type { Metadata } from "next";
import Link from "next/link";
import { HorizontalBars, SplitBars, StackedBars } from "@/components/observability/charts";
import { ProxyCallsTable, PROXY_CLASS_PARTS } from "@/components/observability/proxy-calls";
import { AppPicker } from "@/components/observability/app-picker";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { listApps } from "@/lib/server/apps/list-apps";
import { metricsQuerySchema } from "@/lib/schemas/events";
import { readPageQuery } from "@/lib/server/api/read-query";
import { getPageContext } from "@/lib/server/api/page-context";
import { getMetrics } from "@/lib/server/audit/get-metrics";

export const metadata: Metadata = { title: "Monitoring" };

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext();
  const query = readPageQuery(await searchParams, metricsQuerySchema);
  const apps = (await listApps({ ctx })).filter((a) => a.role !== "member");
  const header = (
    <PageHeader title="Monitoring" description="Connection success rates, token refreshes, the commonest errors and each provider's response times." />
  );
  if (!apps.length) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState title="Nothing to monitor yet" description="Monitoring covers the apps you own or develop." action={<Link href="/apps" className="font-medium text-brand-700 hover:underline">Create an app</Link>} />
      </div>
    );
  }
  const app = apps.find((a) => a.app_id === query.app_id) ?? apps[0]!;
  const m = await getMetrics({ ctx, input: { appId: app.app_id, days: query.days ?? 14 } });
  const flowsTotal = m.flows.reduce((sum, f) => ({ ok: sum.ok + f.succeeded, bad: sum.bad + f.failed }), { ok: 0, bad: 0 });
  const rate = (ok: number, bad: number) => (ok + bad ? `${Math.round((ok / (ok + bad)) * 100)}%` : "—");

  return (
    <div className="space-y-6">
      {header}
      <AppPicker apps={apps} current={app.app_id} />
      <section aria-label="Summary" className="grid grid-cols-2 gap-3 lg:grid-cols-6">
        {[
          ["Active connections", m.connections.active],
          ["Need re-authorization", m.connections.needs_reauth],
          [`Connect success (${m.days} d)`, rate(flowsTotal.ok, flowsTotal.bad)],
          [`Refresh success (${m.days} d)`, rate(m.refreshes.succeeded, m.refreshes.failed)],
          [`Tokens served (${m.days} d)`, m.tokens_served],
          [`Proxy calls (${m.days} d)`, m.proxy.reduce((sum, p) => sum + p.calls, 0)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-slate-200 bg-white p-4">
            <p className="text-xs text-slate-500">{label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
          </div>
        ))}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-slate-900">Connection attempts per day</h2>
          <p className="mb-3 text-xs text-slate-500"><span className="text-emerald-600">■</span> succeeded <span className="ml-2 text-rose-500">■</span> failed</p>
          {m.flows.length ? (
            <StackedBars label="Connection attempts per day, succeeded and failed" data={m.flows.map((f) => ({ key: f.day, a: f.succeeded, b: f.failed }))} />
          ) : (
            <p className="text-sm text-slate-500">No connection attempts in the last {m.days} days.</p>
          )}
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Commonest errors</h2>
          {m.errors.length ? (
            <HorizontalBars label="Errors by code" rows={m.errors.map((e) => ({ name: e.code, value: e.count }))} />
          ) : (
            <p className="text-sm text-slate-500">No errors in the last {m.days} days.</p>
          )}
        </section>
      </div>
      <section className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-sm font-semibold text-slate-900">Provider token endpoint, p50 response time</h2>
        {m.providers.length ? (
          <>
            <HorizontalBars label="Provider p50 response time in milliseconds" unit=" ms" rows={m.providers.filter((p) => p.p50_ms !== null).map((p) => ({ name: p.authenticator_id, value: p.p50_ms! }))} />
            <div className="mt-4 overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr><th className="py-1 pr-4">Authenticator</th><th className="py-1 pr-4">Connects</th><th className="py-1 pr-4">Failures</th><th className="py-1 pr-4">p50</th><th className="py-1">p95</th></tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {m.providers.map((p) => (
                    <tr key={p.authenticator_id}>
                      <td className="py-1.5 pr-4 font-medium">{p.authenticator_id}</td>
                      <td className="py-1.5 pr-4 tabular-nums">{p.connects}</td>
                      <td className="py-1.5 pr-4 tabular-nums">{p.failures}</td>
                      <td className="py-1.5 pr-4 tabular-nums">{p.p50_ms ?? "—"} ms</td>
                      <td className="py-1.5 tabular-nums">{p.p95_ms ?? "—"} ms</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-500">No provider activity in the last {m.days} days.</p>
        )}
      </section>
      <section aria-labelledby="proxy-calls" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="proxy-calls" className="text-sm font-semibold text-slate-900">Proxy calls</h2>
        <p className="mb-3 text-xs text-slate-500">
          Calls agents made through the proxy, by the provider&apos;s answer, with the time to that answer (retries included).{" "}
          {PROXY_CLASS_PARTS.map((p) => (
            <span key={p.key} className="ml-2 whitespace-nowrap"><span className={p.legendClassName}>■</span> {p.label}</span>
          ))}
        </p>
        {m.proxy.length ? (
          <>
            <SplitBars label="Proxy calls per authenticator by status class" parts={PROXY_CLASS_PARTS} rows={m.proxy.map((p) => ({ name: p.authenticator_id, values: p.statuses }))} />
            <ProxyCallsTable stats={m.proxy} />
          </>
        ) : (
          <p className="text-sm text-slate-500">No calls through the proxy in the last {m.days} days.</p>
        )}
      </section>
    </div>
  );
}
