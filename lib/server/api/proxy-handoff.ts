import "server-only";
import type { IncomingMessage } from "node:http";

/**
 * Internal headers the production server sets on a proxy request it hands to Next.js (after
 * deleting any the client sent): the path after the authenticator id and the query string exactly
 * as they arrived, and the caller's Accept-Encoding.
 */
export const PROXY_HANDOFF_HEADER = { path: "x-fiberwise-proxy-path", search: "x-fiberwise-proxy-search", acceptEncoding: "x-fiberwise-accept-encoding" } as const;

export const PROXY_PATH = /^\/api\/v1\/proxy\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/[^?]*)?$/;

/**
 * Prepare a proxy request the fast path declined for Next.js: Next resolves `..` and `%2e%2e`
 * (which would route to another authenticator, or to the API base's root) and answers a trailing
 * slash with a 308 before any route runs, and its compression would re-encode the provider's body.
 * So the raw path travels in a header and the URL Next sees is the authenticator's root; the
 * caller's Accept-Encoding travels in a header too. The route reads both (lib/server/api/proxy-io.ts).
 */
export function handOffProxyRequest(req: IncomingMessage): void {
  for (const name of Object.values(PROXY_HANDOFF_HEADER)) delete req.headers[name];
  const url = req.url ?? "";
  const at = url.indexOf("?");
  const [rawPath, query] = at === -1 ? [url, ""] : [url.slice(0, at), url.slice(at)];
  const match = PROXY_PATH.exec(rawPath);
  if (!match) return;
  req.headers[PROXY_HANDOFF_HEADER.path] = match[2] ?? "";
  // Next.js re-serialises the query (`%20` becomes `+`): the provider gets it as the caller wrote it.
  req.headers[PROXY_HANDOFF_HEADER.search] = query;
  req.url = `/api/v1/proxy/${match[1]}${query}`;
  const encoding = req.headers["accept-encoding"];
  if (encoding !== undefined) {
    req.headers[PROXY_HANDOFF_HEADER.acceptEncoding] = encoding;
    delete req.headers["accept-encoding"];
  }
}
