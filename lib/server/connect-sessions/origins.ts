import "server-only";
import { isLoopbackHost, loopbackProvidersAllowed, policyHost } from "../net/address-policy";

export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * An app origin a connect session may be used from, or be sent back to: scheme://host[:port] and
 * nothing else (no path, query, fragment or credentials). https, or http on loopback where loopback
 * is allowed (OAUTH_ALLOW_LOOPBACK_PROVIDERS, on in development), for apps run on a laptop.
 */
export function checkOrigin(raw: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "must be an absolute origin such as https://app.example.com" };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain credentials" };
  const bare = `${url.protocol}//${url.host}`;
  if (raw.replace(/\/$/, "") !== bare || url.search || url.hash) {
    return { ok: false, reason: `must be an origin without a path, query or fragment (${bare})` };
  }
  return schemeRefusal(url) ?? { ok: true, origin: url.origin };
}

/** An absolute URL to send the browser back to, on one of the allowed origins. */
export function checkReturnTo(raw: string, allowedOrigins: readonly string[]): OriginCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "must be an absolute URL on one of allowed_origins" };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain credentials" };
  const scheme = schemeRefusal(url);
  if (scheme) return scheme;
  if (!allowedOrigins.includes(url.origin)) return { ok: false, reason: `is on ${url.origin}, which is not one of allowed_origins` };
  return { ok: true, origin: url.href };
}

function schemeRefusal(url: URL): { ok: false; reason: string } | null {
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopbackHost(policyHost(url.hostname)) && loopbackProvidersAllowed()) return null;
  return { ok: false, reason: "must use https (http only on loopback, where OAUTH_ALLOW_LOOPBACK_PROVIDERS is on)" };
}
