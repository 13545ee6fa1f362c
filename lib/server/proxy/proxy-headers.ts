import "server-only";
import { CLIENT_IP_HEADER } from "../api/client-ip";

type HeaderEntries = Iterable<[string, string | string[] | undefined]>;

// RFC 9110 §7.6.1: connection-specific headers are for one hop only.
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings",
]);

// The caller's credentials and cookies are the platform's, never the provider's; the rest describe
// the hop to us (addresses, our request id, Next.js internals) or would be recomputed.
const NOT_FORWARDED = new Set([
  "authorization", "cookie", "host", "content-length", "expect", "origin", "referer",
  "forwarded", "x-real-ip", "x-request-id", CLIENT_IP_HEADER,
]);
const NOT_FORWARDED_PREFIXES = ["fiberwise-", "x-fiberwise-", "x-forwarded-", "x-middleware-", "x-nextjs-", "x-invoke-", "next-"];

// What a provider says about its own host must not stick to ours: cookies, HSTS, Alt-Svc, Clear-Site-Data.
const NOT_RELAYED = new Set(["set-cookie", "set-cookie2", "strict-transport-security", "alt-svc", "clear-site-data"]);

function connectionListed(entries: Array<[string, string | string[] | undefined]>): Set<string> {
  const value = entries.find(([name]) => name.toLowerCase() === "connection")?.[1];
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return new Set(text.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean));
}

function filter(source: HeaderEntries, drop: (name: string) => boolean): Record<string, string | string[]> {
  const entries = [...source];
  const listed = connectionListed(entries);
  const out: Record<string, string | string[]> = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || drop(name)) continue;
    out[name] = value;
  }
  return out;
}

/** The caller's headers as the provider may see them. */
export function forwardableRequestHeaders(source: HeaderEntries): Record<string, string | string[]> {
  return filter(source, (name) => NOT_FORWARDED.has(name) || NOT_FORWARDED_PREFIXES.some((prefix) => name.startsWith(prefix)));
}

/** The provider's response headers as the caller may see them. */
export function relayableResponseHeaders(source: HeaderEntries): Record<string, string | string[]> {
  return filter(source, (name) => NOT_RELAYED.has(name) || name.startsWith("fiberwise-"));
}
