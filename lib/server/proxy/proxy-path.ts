import "server-only";

/**
 * The provider URL for a checked path: the API base, the path appended, the caller's query string
 * as it came. Throws if the result would leave the base (a last line of defence; the path rule,
 * lib/schemas/proxy-path.ts, already refused anything that could).
 */
export function joinProxyTarget(apiBase: string, rawPath: string, search: string): URL {
  const base = new URL(apiBase);
  const basePath = base.pathname.replace(/\/+$/, "");
  const target = new URL(`${base.origin}${basePath}${rawPath}${search}`);
  if (!insideApiBase(apiBase, target)) throw new Error(`The path leaves the API base ${base.origin}${basePath}`);
  return target;
}

/** True when a URL is inside the API base (same origin, under its path): where the proxy may send the token. */
export function insideApiBase(apiBase: string, url: URL): boolean {
  const base = new URL(apiBase);
  const basePath = base.pathname.replace(/\/+$/, "");
  return url.origin === base.origin && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
}
