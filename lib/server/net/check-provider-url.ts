import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { hostRefusal, isLoopbackHost, isLoopbackName, isMetadataName, loopbackProvidersAllowed, policyHost, refusalFor } from "./address-policy";

export type UrlCheck = { ok: true; url: URL; warning?: string } | { ok: false; reason: string };

const DNS_TIMEOUT_MS = 3_000;

// A slow resolver must not hold a registration for the resolver's own (long) retry schedule.
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("DNS lookup timed out")), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Validate a provider endpoint given by a developer: absolute https (http only for loopback when
 * allowed), no credentials in the URL, and a host that does not resolve to an internal address.
 * Requests re-check every resolved address at connect time (safe-fetch.ts), so DNS rebinding after
 * this check does not help an attacker.
 */
export async function checkProviderUrl(raw: string): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "must be an absolute URL (https://…)" };
  }
  if (url.username || url.password) return { ok: false, reason: "must not contain credentials" };
  if (url.hash) return { ok: false, reason: "must not contain a #fragment" };
  const host = policyHost(url.hostname);
  if (isMetadataName(host)) return { ok: false, reason: "points at a cloud metadata address" };

  const literal = isIP(host) !== 0;
  if (url.protocol !== "https:") {
    if (!(url.protocol === "http:" && loopbackProvidersAllowed() && isLoopbackHost(host))) {
      return { ok: false, reason: "must use https" };
    }
  }
  const refusal = hostRefusal(host);
  if (refusal) return { ok: false, reason: `points at ${refusal}` };
  if (literal || isLoopbackName(host)) return { ok: true, url };
  let addresses: Array<{ address: string }>;
  try {
    addresses = await withTimeout(lookup(url.hostname, { all: true, verbatim: true }), DNS_TIMEOUT_MS);
  } catch {
    // Unresolvable now (offline, split DNS): accepted, and checked again on every request.
    return { ok: true, url, warning: `The host ${host} could not be resolved now; it is checked again on every request.` };
  }
  for (const { address } of addresses) {
    const refusal = refusalFor(address);
    if (refusal) return { ok: false, reason: `resolves to ${refusal} (${address})` };
  }
  return { ok: true, url };
}
