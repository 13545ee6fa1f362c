/** The OAuth client the benchmarks' authorization server (bench-provider.ts) knows. */
export const BENCH_CLIENT = { client_id: "bench-sweep", client_secret: "bench-sweep-secret-0123456789abcdef" };
