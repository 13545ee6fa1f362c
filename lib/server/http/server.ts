// The production server (`npm start`): Next.js behind a plain node:http server that answers the
// hottest requests — an agent fetching a valid token, or calling a provider's API through the
// proxy — without going through Next's router. Every other request, and every one the fast paths
// decline, is Next's.
import "server-only";
import { createServer } from "node:http";
import next from "next";
import { liveApiKey } from "../api/bearer";
import { CLIENT_IP_HEADER, stampClientIp } from "../api/client-ip";
import { handOffProxyRequest } from "../api/proxy-handoff";
import { serveTokenFast } from "../connections/serve-token-fast";
import { serveProxyFast } from "./serve-proxy-fast";
import { DecryptionError } from "../crypto/encryption";
import { logger } from "../logger";
import { flushUsage } from "../jobs/flush-usage";
import { installProcessGuards } from "../process-guards";
import { isBlocked } from "../rate-limit/limit";
import { clientErrorResponse, isDecodablePath, rawErrorAnswer, undecodablePathError } from "./raw-request";

installProcessGuards("server");
const TOKEN_PATH = /^\/api\/v1\/credentials\/connections\/([a-z0-9-]{1,64})\/token$/;
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer(async (req, res) => {
  if (!isDecodablePath(req.url ?? "/")) {
    const { status, headers, body } = rawErrorAnswer(undecodablePathError());
    res.writeHead(status, headers).end(body);
    return;
  }
  // Only this server sees the socket: the client address is resolved here (TRUSTED_PROXIES) and
  // travels to Next.js in a header the client cannot set.
  stampClientIp(req);
  try {
    // An address that spent its API-key failures is answered 429 by Next's route, from memory;
    // the fast path would otherwise cost it a database lookup per guess.
    const guessing = isBlocked("api_key_failures_ip", (req.headers[CLIENT_IP_HEADER] as string | undefined) ?? null);
    // An agent calling a provider's API through the proxy: answered here unless the route must decide.
    if (req.url?.startsWith("/api/v1/proxy/")) {
      const served = !guessing && (await serveProxyFast(req, res).catch((error: unknown) => {
        logger.warn({ err: (error as Error).message }, "proxy fast path declined after an error");
        return false;
      }));
      if (served) return;
      handOffProxyRequest(req);
    }
    if (!guessing && req.method === "GET" && req.url?.startsWith("/api/v1/credentials/connections/")) {
      const url = new URL(req.url, "http://localhost");
      const match = TOKEN_PATH.exec(url.pathname);
      const key = liveApiKey(req.headers.authorization);
      // Only app_id and end_user_id, each at most once (repeats are the route's to refuse or interpret).
      const keys = [...url.searchParams.keys()];
      const plain = keys.every((k) => k === "app_id" || k === "end_user_id") && new Set(keys).size === keys.length;
      if (match && key && plain) {
        const token = await serveTokenFast(key, match[1]!, url.searchParams.get("app_id"), url.searchParams.get("end_user_id"));
        if (token) {
          res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" });
          res.end(JSON.stringify(token));
          return;
        }
      }
    }
  } catch (error) {
    // The fast path never answers errors itself: Next's route will, with the envelope (and log an
    // unreadable secret there, once).
    if (!(error instanceof DecryptionError)) logger.warn({ err: (error as Error).message }, "token fast path declined after an error");
  }
  await handle(req, res);
});

// Requests Node's parser refuses (raw non-ASCII bytes in the path, oversized headers) are answered
// in the envelope too, instead of Node's empty 400.
server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(error.code, (error as { rawPacket?: Buffer }).rawPacket));
});

// SIGTERM / SIGINT: stop taking connections, let requests in flight finish (10 s at most), write the
// usage counted in memory, exit 0 (which also lets `node --cpu-prof` write its profile).
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    // Usage counted in memory since the last minute's flush is written before the process goes.
    const exit = () => void flushUsage().finally(() => process.exit(0));
    server.close(exit);
    server.closeIdleConnections();
    setTimeout(exit, 10_000).unref();
  });
}

server.listen(port, hostname, () => {
  logger.info({ port, hostname }, `FiberWise ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
