import "server-only";
import { isHopByHopHeader, proxyDropsRequestHeader } from "../../schemas/proxy-headers";

type HeaderEntries = Iterable<[string, string | string[] | undefined]>;

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
    if (value === undefined || isHopByHopHeader(name) || listed.has(name) || drop(name)) continue;
    out[name] = value;
  }
  return out;
}

/** The caller's headers as the provider may see them. */
export function forwardableRequestHeaders(source: HeaderEntries): Record<string, string | string[]> {
  return filter(source, proxyDropsRequestHeader);
}

/** The provider's response headers as the caller may see them. */
export function relayableResponseHeaders(source: HeaderEntries): Record<string, string | string[]> {
  return filter(source, (name) => NOT_RELAYED.has(name) || name.startsWith("fiberwise-"));
}
