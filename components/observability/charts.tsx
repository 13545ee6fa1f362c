// Small server-rendered SVG charts: no chart library, no client JavaScript; each has a text
// alternative for screen readers.

export function StackedBars({ data, label }: { data: Array<{ key: string; a: number; b: number }>; label: string }) {
  const max = Math.max(1, ...data.map((d) => d.a + d.b));
  const width = Math.max(data.length * 28, 280);
  const height = 140;
  const bar = 18;
  return (
    <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={label} className="h-44 w-full">
      <title>{label}</title>
      {data.map((d, i) => {
        const x = i * 28 + 5;
        const ha = (d.a / max) * height;
        const hb = (d.b / max) * height;
        return (
          <g key={d.key}>
            <rect x={x} y={height - ha} width={bar} height={ha} className="fill-emerald-500">
              <title>{`${d.key}: ${d.a} succeeded`}</title>
            </rect>
            <rect x={x} y={height - ha - hb} width={bar} height={hb} className="fill-rose-400">
              <title>{`${d.key}: ${d.b} failed`}</title>
            </rect>
            <text x={x + bar / 2} y={height + 16} textAnchor="middle" className="fill-slate-500 text-[9px]">
              {d.key.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function HorizontalBars({ rows, unit = "", label }: { rows: Array<{ name: string; value: number }>; unit?: string; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul aria-label={label} className="space-y-2">
      {rows.map((r) => (
        <li key={r.name} className="grid grid-cols-[minmax(0,10rem)_1fr_auto] items-center gap-3 text-sm">
          <span className="truncate text-slate-700" title={r.name}>
            {r.name}
          </span>
          <span className="h-2.5 rounded-full bg-slate-100">
            <span className="block h-2.5 rounded-full bg-brand-500" style={{ width: `${Math.max(2, (r.value / max) * 100)}%` }} />
          </span>
          <span className="tabular-nums text-slate-600">
            {r.value}
            {unit}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One horizontal bar per row, split into parts (e.g. status classes), each with its share of the row's total. */
export function SplitBars({ rows, parts, label }: {
  rows: Array<{ name: string; values: Record<string, number> }>;
  parts: ReadonlyArray<{ key: string; label: string; className: string }>;
  label: string;
}) {
  return (
    <ul aria-label={label} className="space-y-2">
      {rows.map((r) => {
        const total = parts.reduce((sum, p) => sum + (r.values[p.key] ?? 0), 0);
        const summary = parts.filter((p) => r.values[p.key]).map((p) => `${r.values[p.key]} ${p.label}`).join(", ");
        return (
          <li key={r.name} className="grid grid-cols-[minmax(0,10rem)_1fr_auto] items-center gap-3 text-sm">
            <span className="truncate text-slate-700" title={r.name}>
              {r.name}
            </span>
            <span role="img" aria-label={`${r.name}: ${summary || "no calls"}`} className="flex h-2.5 overflow-hidden rounded-full bg-slate-100">
              {parts.map((p) =>
                r.values[p.key] ? <span key={p.key} className={`block h-2.5 ${p.className}`} style={{ width: `${((r.values[p.key] ?? 0) / Math.max(1, total)) * 100}%` }} /> : null,
              )}
            </span>
            <span className="tabular-nums text-slate-600">{total}</span>
          </li>
        );
      })}
    </ul>
  );
}
