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
