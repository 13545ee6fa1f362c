import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
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

export type SafeFetchInit = RequestInit & {
  maxBodyBytes?: number;
  /** Keep only the first N bytes of the body and stop reading (webhook receivers: the status is what counts). */
  truncateBodyBytes?: number;
};

/**
 * fetch for provider endpoints: the address policy before and at connect time, no redirects
 * followed (a 3xx is returned as is), a timeout (on top of the caller's signal, if any), and a cap
 * on the body. Hand it to oauth4webapi as [customFetch].
 *
 * It is built on undici's request(), not its fetch(): provider answers are small, so the body is
 * read into memory right here, counting bytes as they arrive, and handed back as a standard
 * Response. That puts the cap in one loop (the connection is destroyed as soon as it is passed) and
 * costs a fraction of fetch's web-streams machinery on the sweep's hot path.
 */
export async function safeFetch(input: string | URL | Request, init: SafeFetchInit = {}): Promise<Response> {
  const { maxBodyBytes = MAX_RESPONSE_BYTES, truncateBodyBytes, ...request } = init;
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  // Literal addresses never reach guardedLookup (net.connect skips the lookup for them), so they
  // are judged here; so are names on the lists, before anything is resolved.
  const refusal = hostRefusal(policyHost(url.hostname));
  if (refusal) throw new BlockedAddressError(`${url.hostname} is ${refusal}`);
  const timeout = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers = Object.fromEntries(new Headers(request.headers ?? {}));
  let response: Dispatcher.ResponseData;
  try {
    response = await undiciRequest(url, {
      method: (request.method ?? "GET") as Dispatcher.HttpMethod,
      headers,
      body: await requestBody(request.body),
      signal,
      dispatcher: agent,
    });
  } catch (error) {
    throw signal.aborted ? abortReason(signal) : error;
  }
  // Destroying the body (over the cap) makes undici report an abort on the stream; it is expected.
  response.body.on("error", () => {});
  const host = url.host;
  const tooLarge = () => new ResponseTooLargeError(`The response from ${host} is larger than ${maxBodyBytes} bytes`);
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) responseHeaders.append(name, v);
  }
  const init2 = { status: response.statusCode, headers: responseHeaders };
  if (NULL_BODY_STATUSES.has(response.statusCode)) {
    await response.body.dump();
    return new Response(null, init2);
  }
  const encoding = responseHeaders.get("content-encoding")?.trim().toLowerCase();
  const declared = Number(responseHeaders.get("content-length") ?? Number.NaN);
  if (!encoding && declared > maxBodyBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let received = 0;
  if (truncateBodyBytes !== undefined) {
    try {
      for await (const chunk of response.body) {
        chunks.push(chunk as Buffer);
        received += (chunk as Buffer).byteLength;
        if (received >= truncateBodyBytes) break;
      }
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      throw error;
    } finally {
      response.body.destroy();
    }
    responseHeaders.delete("content-encoding");
    return new Response(new Uint8Array(Buffer.concat(chunks).subarray(0, truncateBodyBytes)), init2);
  }
  try {
    for await (const chunk of response.body) {
      received += (chunk as Buffer).byteLength;
      // Encoded bodies are capped again after decoding (below); a raw body this large is refused either way.
      if (received > maxBodyBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.body.destroy();
    throw signal.aborted ? abortReason(signal) : error;
  }
  let body: Buffer = Buffer.concat(chunks);
  if (encoding && encoding !== "identity") {
    body = decode(body, encoding, maxBodyBytes, tooLarge);
    responseHeaders.delete("content-encoding");
    responseHeaders.delete("content-length");
  }
  return new Response(new Uint8Array(body), init2);
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

// undici's request() takes strings and buffers; oauth4webapi hands over URLSearchParams.
async function requestBody(body: BodyInit | null | undefined): Promise<string | Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  return Buffer.from(await new Response(body).arrayBuffer());
}

// A timeout surfaces as the signal's TimeoutError (callers recognise it), not undici's own abort error.
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted", "AbortError");
}

// Compressed answers (a provider may compress although we never ask) are inflated with the same cap
// on the output, so a small gzip body cannot inflate into a huge one.
function decode(body: Buffer, encoding: string, limit: number, tooLarge: () => Error): Buffer {
  // (Buffers from zlib are plain ArrayBuffer-backed.)
  const options = { maxOutputLength: limit };
  try {
    if (encoding === "gzip" || encoding === "x-gzip") return gunzipSync(body, options);
    if (encoding === "deflate") return inflateSync(body, options);
    if (encoding === "br") return brotliDecompressSync(body, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) throw tooLarge();
    throw error;
  }
  throw new Error(`Unsupported content-encoding "${encoding}"`);
}
