import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";

export type ServerStats = { connections: number; closed: number; requests: string[]; bodyBytesSent: number };

/**
 * An HTTP server on 127.0.0.1 that records what reached it: connections opened and closed, request
 * paths, and body bytes handed to the socket. SSRF tests assert `connections` stays 0; size tests
 * read `bodyBytesSent`.
 */
export async function startLoopbackServer(handler: (req: IncomingMessage, res: ServerResponse, stats: ServerStats) => unknown) {
  const stats: ServerStats = { connections: 0, closed: 0, requests: [], bodyBytesSent: 0 };
  const server = createServer((req, res) => {
    stats.requests.push(req.url ?? "");
    res.on("error", () => {}); // the client going away mid-body is what some tests provoke
    void handler(req, res, stats);
  });
  return listen(server, stats);
}

/** A TCP server that accepts connections, reads the request and never answers: a provider that hangs. */
export async function startSilentServer() {
  const stats: ServerStats = { connections: 0, closed: 0, requests: [], bodyBytesSent: 0 };
  const server = createTcpServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", (data) => stats.requests.push(String(data).split(" ")[1] ?? ""));
  });
  return listen(server, stats);
}

async function listen(server: ReturnType<typeof createServer> | ReturnType<typeof createTcpServer>, stats: ServerStats) {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    stats.connections += 1;
    sockets.add(socket);
    socket.on("close", () => {
      stats.closed += 1;
      sockets.delete(socket);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    /** Resolves once every connection the server accepted has been closed (by either side). */
    allClosed: async (timeoutMs = 2_000) => {
      const until = Date.now() + timeoutMs;
      while (stats.closed < stats.connections && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      return stats.closed === stats.connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Write `total` bytes of `fill` after `prefix`, honouring backpressure, and stop as soon as the
 * client goes away. Counts into stats.bodyBytesSent what was handed to the socket.
 */
export async function streamBody(res: ServerResponse, stats: ServerStats, total: number, prefix = "", fill = "a") {
  const chunk = Buffer.alloc(64 * 1024, fill);
  if (prefix) {
    res.write(prefix);
    stats.bodyBytesSent += Buffer.byteLength(prefix);
  }
  let sent = 0;
  while (sent < total && !res.destroyed) {
    const piece = total - sent < chunk.length ? chunk.subarray(0, total - sent) : chunk;
    const flushed = res.write(piece);
    sent += piece.length;
    stats.bodyBytesSent += piece.length;
    if (!flushed) await Promise.race([once(res, "drain"), once(res, "close")]);
  }
  if (!res.destroyed) res.end();
}
