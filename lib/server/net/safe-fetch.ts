import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { TransformStream } from "node:stream/web";
import { Agent, fetch as undiciFetch, type Response as UndiciResponse } from "undici";
import { hostRefusal, policyHost, refusalFor } from "./address-policy";

export const PROVIDER_TIMEOUT_MS = 10_000;
/** The most body bytes read from one provider response unless a caller asks otherwise; metadata and token responses are a few KiB. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Every connection the server opens to a provider resolves through here, so the address policy
 * holds at connect time, whatever the URL's host resolved to when it was registered, and whatever
 * spelling getaddrinfo accepts ("2130706433" resolves to 127.0.0.1 and is judged as that).
 */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback) {
  const named = hostRefusal(policyHost(hostname));
  if (named) return process.nextTick(callback, new BlockedAddressError(`${hostname} is ${named}`), []);
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

// The abort signal in safeFetch bounds each request; the agent's own timers are only a backstop and
// sit a little later, so a slow provider always fails with the signal's TimeoutError (which callers
// recognise) rather than with whichever of the two timers won the race.
const BACKSTOP_MS = PROVIDER_TIMEOUT_MS + 1_000;
const agent = new Agent({ connect: { lookup: guardedLookup as never }, headersTimeout: BACKSTOP_MS, bodyTimeout: BACKSTOP_MS });

export type SafeFetchInit = RequestInit & { maxBodyBytes?: number };

/**
 * fetch for provider endpoints: the address policy before and at connect time, no redirects
 * followed (a 3xx is returned as is), a timeout (on top of the caller's signal, if any), and a cap
 * on the body. Hand it to oauth4webapi as [customFetch].
 */
export async function safeFetch(input: string | URL | Request, init: SafeFetchInit = {}): Promise<Response> {
  const { maxBodyBytes = MAX_RESPONSE_BYTES, ...request } = init;
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  // Literal addresses never reach guardedLookup (net.connect skips the lookup for them), so they
  // are judged here; so are names on the lists, before anything is resolved.
  const refusal = hostRefusal(policyHost(url.hostname));
  if (refusal) throw new BlockedAddressError(`${url.hostname} is ${refusal}`);
  const timeout = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
  const response = await undiciFetch(url, {
    ...(request as object),
    redirect: "manual",
    signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    dispatcher: agent,
  } as Parameters<typeof undiciFetch>[1]);
  return capBody(response, maxBodyBytes, url.host);
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

// oauth4webapi reads the body itself from the Response it is handed, so the cap lives in the body
// stream: a counter that errors the stream once the limit is passed, which cancels the source and
// so closes the connection. Bytes are counted after decoding, so a gzip body that inflates past the
// cap is stopped too, and Content-Length is only trusted to fail early, never to allow.
function capBody(response: UndiciResponse, limit: number, host: string): Response {
  const init = { status: response.status, statusText: response.statusText, headers: [...response.headers] };
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) return new Response(null, init);
  const tooLarge = () => new ResponseTooLargeError(`The response from ${host} is larger than ${limit} bytes`);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (!response.headers.has("content-encoding") && declared > limit) {
    response.body.cancel().catch(() => {});
    throw tooLarge();
  }
  let received = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) throw tooLarge();
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted as unknown as BodyInit, init);
}
