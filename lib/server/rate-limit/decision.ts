import "server-only";
import { RateLimitedError } from "../errors";
import type { LimitSpec } from "./limits";

/** What a limit said about one request. */
export type RateDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (whole seconds, at least 1 while limited). */
  resetSeconds: number;
  windowSeconds: number;
};

export function decision(spec: LimitSpec, consumed: number, msBeforeNext: number): RateDecision {
  return {
    allowed: consumed <= spec.points,
    limit: spec.points,
    remaining: Math.max(0, spec.points - consumed),
    resetSeconds: Math.max(msBeforeNext > 0 ? 1 : 0, Math.ceil(msBeforeNext / 1000)),
    windowSeconds: spec.windowSeconds,
  };
}

/** RateLimit-* response headers (IETF draft-ietf-httpapi-ratelimit-headers, seconds-based). */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return {
    "ratelimit-limit": String(d.limit),
    "ratelimit-remaining": String(d.remaining),
    "ratelimit-reset": String(d.resetSeconds),
    "ratelimit-policy": `${d.limit};w=${d.windowSeconds}`,
  };
}

const MESSAGES: Record<LimitSpec["name"], string> = {
  sign_up_ip: "Too many accounts were created from this address. Try again later.",
  sign_in_ip: "Too many failed sign-in attempts. Wait and try again.",
  sign_in_email: "Too many failed sign-in attempts. Wait and try again.",
  api_key_failures_ip: "Too many requests with an invalid API key from this address. Try again later.",
  cron_failures_ip: "Too many requests with an invalid cron secret from this address. Try again later.",
  discovery_caller: "Too many discovery requests. Try again later.",
  callback_failures_ip: "Too many failed OAuth callbacks from this address. Try again later.",
  api_key_requests: "This API key has made too many requests. Slow down.",
};

/** The 429 for a refused request: the envelope's rate_limited code, Retry-After and RateLimit-*. */
export function rateLimitedError(spec: LimitSpec, d: RateDecision): RateLimitedError {
  const error = new RateLimitedError(MESSAGES[spec.name], Math.max(1, d.resetSeconds));
  Object.assign(error.headers, rateLimitHeaders({ ...d, remaining: 0, resetSeconds: Math.max(1, d.resetSeconds) }));
  return error;
}
