import "server-only";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import { ConfigError } from "../env";

/**
 * The one rule for "which address is the client". Rate limits and audit rows key on it, so it must
 * not be something the client can choose: X-Forwarded-For is only believed as far as
 * TRUSTED_PROXIES says proxies we run wrote it.
 *
 *   unset / 0        the socket address; X-Forwarded-For is ignored
 *   N (a count)      N proxy hops: the Nth X-Forwarded-For entry from the right
 *   CIDRs / IPs      walk X-Forwarded-For from the right while the address is a trusted proxy
 *                    (Express's `trust proxy`; also `loopback`, `linklocal`, `uniquelocal`)
 *
 * `npm start` (lib/server/http/server.ts) sees the socket: it resolves the address once and hands it
 * to Next.js in CLIENT_IP_HEADER, after deleting whatever the client sent under that name.
 */
export const CLIENT_IP_HEADER = "x-fiberwise-client-ip";

// Set on globalThis (the server bundle and Next's route bundles are separate module graphs in
// one process) by the production server once it stamps every request.
const STAMPED = Symbol.for("fiberwise.client-ip-stamped");
type Trust = (addr: string, hop: number) => boolean;
type Marked = { [STAMPED]?: boolean };

let compiled: { setting: string; trust: Trust; hops: number | null } | undefined;

/** Parse TRUSTED_PROXIES (throws a ConfigError naming the bad entry). */
export function trustedProxies(setting = process.env.TRUSTED_PROXIES ?? ""): { trust: Trust; hops: number | null } {
  const value = setting.trim();
  if (compiled?.setting === value) return compiled;
  let result: { trust: Trust; hops: number | null };
  if (/^\d+$/.test(value) || value === "") {
    const hops = Number(value || 0);
    result = { trust: (_addr, hop) => hop < hops, hops };
  } else {
    try {
      result = { trust: proxyaddr.compile(value.split(",").map((s) => s.trim()).filter(Boolean)), hops: null };
    } catch (error) {
      throw new ConfigError(`TRUSTED_PROXIES is invalid (${(error as Error).message}): use a hop count or comma-separated IPs/CIDRs.`);
    }
  }
  compiled = { setting: value, ...result };
  return result;
}

/** The client address for a request that arrived on a socket from `socketAddress`. */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, setting?: string): string | null {
  if (!socketAddress) return null;
  const socket = unmap(socketAddress);
  const { trust } = trustedProxies(setting);
  const request = { socket: { remoteAddress: socket }, headers: { "x-forwarded-for": forwardedFor ?? "" } };
  const chosen = unmap(proxyaddr(request as unknown as IncomingMessage, trust));
  // A trusted proxy that wrote garbage must not let the client escape per-IP limits: fall back to
  // the socket (every such client then shares one bucket, which fails safe).
  return isIP(chosen) ? chosen : socket;
}

/** For the production server: stamp the resolved client address on the request before Next sees it. */
export function stampClientIp(req: IncomingMessage): void {
  delete req.headers[CLIENT_IP_HEADER];
  const forwarded = req.headers["x-forwarded-for"];
  const ip = resolveClientIp(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded);
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  (globalThis as Marked)[STAMPED] = true;
}

/**
 * The client address of a request inside Next.js. Behind `npm start`: the stamped header. Under
 * `next dev` there is no custom server; Next.js writes the socket address into X-Forwarded-For
 * only when the request has none (`x-forwarded-for ??= socket.remoteAddress` in base-server.js),
 * so the rightmost entry stands in for the socket, with one hop fewer to skip (see README).
 */
export function clientIp(headers: Headers): string | null {
  if ((globalThis as Marked)[STAMPED]) return headers.get(CLIENT_IP_HEADER);
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const socket = entries.pop();
  if (!socket || !isIP(unmap(socket))) return null;
  const { hops } = trustedProxies();
  const setting = hops === null ? undefined : String(Math.max(0, hops - 1));
  return resolveClientIp(socket, entries.join(","), setting);
}

function unmap(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return v4 ?? address;
}
