import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { refusalFor } from "./address-policy";

export const PROVIDER_TIMEOUT_MS = 10_000;

export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

// Every connection the server opens to a provider resolves through here, so the address policy
// holds at connect time, whatever the URL's host resolved to when it was registered.
function guardedLookup(hostname: string, options: object, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    for (const { address } of list) {
      const refusal = refusalFor(address);
      if (refusal) return callback(new BlockedAddressError(`${hostname} resolves to ${refusal}`), []);
    }
    const wantsAll = (options as { all?: boolean }).all;
    if (wantsAll) return callback(null, list);
    const first = list[0]!;
    return callback(null, first.address, first.family);
  });
}

const agent = new Agent({ connect: { lookup: guardedLookup as never }, headersTimeout: PROVIDER_TIMEOUT_MS, bodyTimeout: PROVIDER_TIMEOUT_MS });

/**
 * fetch for provider endpoints: the address policy at connect time, no redirects followed (a 3xx
 * is returned as is), and a timeout. Hand it to oauth4webapi as [customFetch].
 */
export async function safeFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const refusal = refusalFor(host);
    if (refusal) throw new BlockedAddressError(`${host} is ${refusal}`);
  }
  const signal = init.signal ?? AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
  const response = await undiciFetch(url, {
    ...(init as object),
    redirect: "manual",
    signal,
    dispatcher: agent,
  } as Parameters<typeof undiciFetch>[1]);
  return response as unknown as Response;
}
