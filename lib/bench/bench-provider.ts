// The authorization server for `npm run bench:sweep`, in its own process (so it has its own event
// loop, as a real provider would): panva's oidc-provider on loopback, plus POST /__mint?count=N
// which issues N refresh tokens through the provider's own models, for seeding thousands of grants.
import { createServer } from "node:http";
import { startOidcProvider } from "../../e2e/fixtures/oidc-provider";
import { BENCH_CLIENT } from "./bench-client";


const provider = await startOidcProvider({ clients: [{ ...BENCH_CLIENT, redirect_uris: ["http://127.0.0.1/auth/callback/bench"] }], unboundedStore: true });
const control = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/__mint") {
    const count = Number(url.searchParams.get("count") ?? 1);
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) tokens.push(await provider.mintRefreshToken(BENCH_CLIENT.client_id, `bench-user-${i}-${Date.now()}`, "offline_access read"));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(tokens));
    return;
  }
  if (url.pathname === "/__counts") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(provider.counts));
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
process.stdout.write(`${JSON.stringify({ issuer: provider.issuer, control: `http://127.0.0.1:${(control.address() as { port: number }).port}` })}\n`);
process.on("SIGTERM", () => process.exit(0));
