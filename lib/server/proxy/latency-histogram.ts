import "server-only";

/**
 * Upper bounds (ms) of the latency buckets proxy calls are counted in; one more bucket holds the
 * rest. Counts per bucket add up across processes and minutes, which percentiles would not.
 */
export const LATENCY_BOUNDS_MS = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1_000, 1_500, 2_000, 3_000, 5_000, 7_000, 10_000, 20_000, 30_000,
  60_000, 120_000, 300_000, 600_000,
];
export const OVERFLOW_BUCKET = "inf";

export type Histogram = Record<string, number>;

export function bucketOf(ms: number): string {
  const bound = LATENCY_BOUNDS_MS.find((b) => ms <= b);
  return bound === undefined ? OVERFLOW_BUCKET : String(bound);
}

export function addTo(histogram: Histogram, other: Histogram): Histogram {
  for (const [bucket, count] of Object.entries(other)) histogram[bucket] = (histogram[bucket] ?? 0) + count;
  return histogram;
}

/**
 * The q-quantile as the upper bound of the bucket it falls in: null for an empty histogram, and
 * past the last bound (10 minutes, longer than any proxied call can wait) that bound + 1.
 */
export function quantile(histogram: Histogram, q: number): number | null {
  const total = Object.values(histogram).reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bound of LATENCY_BOUNDS_MS) {
    seen += histogram[String(bound)] ?? 0;
    if (seen >= rank) return bound;
  }
  return LATENCY_BOUNDS_MS.at(-1)! + 1;
}
