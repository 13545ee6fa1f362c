import type { ProxyStat } from "@/lib/schemas/proxy";

export const PROXY_CLASS_PARTS = [
  { key: "2xx", label: "2xx", className: "bg-emerald-500", legendClassName: "text-emerald-600" },
  { key: "3xx", label: "3xx", className: "bg-sky-400", legendClassName: "text-sky-500" },
  { key: "4xx", label: "4xx", className: "bg-amber-400", legendClassName: "text-amber-500" },
  { key: "5xx", label: "5xx", className: "bg-rose-500", legendClassName: "text-rose-600" },
  { key: "failed", label: "no answer", className: "bg-slate-500", legendClassName: "text-slate-600" },
] as const;

// Values are latency-bucket upper bounds; past the last one (10 minutes) the bound + 1.
const ms = (value: number | null) => (value === null ? "—" : value > 600_000 ? "> 10 min" : `≤ ${value.toLocaleString("en")} ms`);

/** Proxy calls per authenticator: counts by status class and latency percentiles (bucket upper bounds). */
export function ProxyCallsTable({ stats }: { stats: ProxyStat[] }) {
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-4">Authenticator</th>
            <th className="py-1 pr-4">Calls</th>
            {PROXY_CLASS_PARTS.map((p) => (
              <th key={p.key} className="py-1 pr-4">{p.label}</th>
            ))}
            <th className="py-1 pr-4">p50</th>
            <th className="py-1">p95</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stats.map((p) => (
            <tr key={p.authenticator_id}>
              <td className="py-1.5 pr-4 font-medium">{p.authenticator_id}</td>
              <td className="py-1.5 pr-4 tabular-nums">{p.calls}</td>
              {PROXY_CLASS_PARTS.map((c) => (
                <td key={c.key} className="py-1.5 pr-4 tabular-nums">{p.statuses[c.key] ?? 0}</td>
              ))}
              <td className="py-1.5 pr-4 tabular-nums">{ms(p.p50_ms)}</td>
              <td className="py-1.5 tabular-nums">{ms(p.p95_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
