// The proxy's plain constants (no zod): methods, and the headers that steer it and mark its answers.

export const PROXY_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type ProxyMethod = (typeof PROXY_METHODS)[number];

/** Request headers that steer the proxy; every `fiberwise-*` header is dropped before the provider sees the request. */
export const PROXY_HEADER = {
  endUserId: "fiberwise-end-user-id",
  userId: "fiberwise-user-id",
  appId: "fiberwise-app-id",
  retries: "fiberwise-retries",
  retryUnsafe: "fiberwise-retry-unsafe",
} as const;

/** Response headers the proxy adds to an answer relayed from the provider (platform errors carry neither). */
export const PROXY_RESPONSE_HEADER = { proxied: "fiberwise-proxied", attempts: "fiberwise-attempts" } as const;

// RFC 9110 §7.6.1: connection-specific headers are for one hop only.
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings",
]);
// The caller's credentials and cookies are the platform's, never the provider's; the rest describe
// the hop to us (addresses, our request id) or would be recomputed.
const NOT_FORWARDED = new Set(["authorization", "cookie", "host", "content-length", "expect", "origin", "referer", "forwarded", "x-real-ip", "x-request-id"]);
const NOT_FORWARDED_PREFIXES = ["fiberwise-", "x-fiberwise-", "x-forwarded-", "x-middleware-", "x-nextjs-", "x-invoke-", "next-"];

/** A connection-specific header (lowercase), dropped both ways. */
export function isHopByHopHeader(name: string): boolean {
  return HOP_BY_HOP.has(name);
}

/** A request header (lowercase) the proxy never passes from the caller to the provider. */
export function proxyDropsRequestHeader(name: string): boolean {
  return HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || NOT_FORWARDED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Where the proxy puts the access token unless the template or configuration.api_token_header says otherwise. */
export const DEFAULT_API_TOKEN_HEADER = { name: "Authorization", scheme: "Bearer" } as const;
