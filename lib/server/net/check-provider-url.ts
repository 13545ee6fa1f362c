import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { classifyAddress, loopbackProvidersAllowed, METADATA_HOSTNAMES, refusalFor } from "./address-policy";

export type UrlCheck = { ok: true; url: URL; warning?: string } | { ok: false; reason: string };

const LOOPBACK_NAMES = new Set(["localhost", "localhost.localdomain"]);
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
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTNAMES.has(host)) return { ok: false, reason: "points at a cloud metadata address" };

  const isLoopbackName = LOOPBACK_NAMES.has(host) || host.endsWith(".localhost");
  if (url.protocol !== "https:") {
    const loopbackTarget = isLoopbackName || (isIP(host) !== 0 && classifyAddress(host) === "loopback");
    if (!(url.protocol === "http:" && loopbackProvidersAllowed() && loopbackTarget)) {
      return { ok: false, reason: "must use https" };
    }
  }
  if (isLoopbackName) {
    return loopbackProvidersAllowed()
      ? { ok: true, url }
      : { ok: false, reason: "points at a loopback address (set OAUTH_ALLOW_LOOPBACK_PROVIDERS=true for a local authorization server)" };
  }
  if (isIP(host)) {
    const refusal = refusalFor(host);
    return refusal ? { ok: false, reason: `points at ${refusal}` } : { ok: true, url };
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await withTimeout(lookup(host, { all: true, verbatim: true }), DNS_TIMEOUT_MS);
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
