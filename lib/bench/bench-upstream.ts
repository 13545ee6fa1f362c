// The provider API for `npm run bench:proxy`, in its own process (its own event loop, as a real
// API would have): the e2e upstream fixture, checking each bearer token with the authorization
// server's introspection (cached per token for BENCH_INTROSPECTION_CACHE_MS, 0 = every request).
import { startUpstreamApi } from "../../e2e/fixtures/upstream-api";

const upstream = await startUpstreamApi({
  introspectionUrl: process.env.BENCH_INTROSPECTION_URL!,
  client: { client_id: process.env.BENCH_CLIENT_ID!, client_secret: process.env.BENCH_CLIENT_SECRET! },
  cacheMs: Number(process.env.BENCH_INTROSPECTION_CACHE_MS ?? 0),
});
process.stdout.write(`${JSON.stringify({ url: upstream.url })}\n`);
process.on("SIGTERM", () => process.exit(0));
