import "server-only";
import { Readable } from "node:stream";
import { proxySettings } from "./proxy-settings";


export type RequestBody = {
  /** The whole body is in memory (or there is none): it can be sent more than once. */
  replayable: boolean;
  /** Content-Length to send, or null (no body, or a stream of unknown length sent chunked). */
  length: number | null;
  /** The body for one send: the buffer again each time, or the stream once. */
  take(): Buffer | Readable | undefined;
};

export const NO_BODY: RequestBody = { replayable: true, length: null, take: () => undefined };

/**
 * Read the caller's body up to PROXY_REPLAY_BUFFER_BYTES (bodies that size or smaller are kept in
 * memory so a request can be sent again, after a 401 or for a retry). A body that ends within it is kept whole; a
 * larger one is streamed to the provider as it arrives (what was read first, then the rest), with
 * its declared Content-Length if it had one, and cannot be retried.
 */
export async function readRequestBody(source: AsyncIterable<Uint8Array> | null | undefined, declaredLength?: string | null): Promise<RequestBody> {
  if (!source) return NO_BODY;
  // The iterator is driven by hand: leaving a for-await loop early would cancel the stream.
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await iterator.next();
    if (done) {
      const whole = Buffer.concat(head);
      return { replayable: true, length: whole.length, take: () => whole };
    }
    const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    head.push(chunk);
    size += chunk.length;
    if (size > proxySettings().replayBufferBytes) break;
  }
  let taken = false;
  const declared = declaredLength && /^\d+$/.test(declaredLength) ? Number(declaredLength) : null;
  return {
    replayable: false,
    length: declared,
    take: () => {
      if (taken) throw new Error("A streamed request body can be sent only once");
      taken = true;
      return Readable.from(
        (async function* () {
          yield* head;
          for (;;) {
            const { done, value } = await iterator.next();
            if (done) return;
            yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
          }
        })(),
        { objectMode: false },
      );
    },
  };
}
