// Answers for requests that never reach a route handler, in the one error envelope: a path whose
// %-encoding does not decode to UTF-8 (Next's router would throw decoding it and answer a bare
// 500 before any of our code runs), and requests Node's HTTP parser refuses (raw non-ASCII bytes
// in the request line, oversized headers), which Node would answer with an empty body.
import "server-only";
import { STATUS_CODES } from "node:http";
import { AppError, BadRequestError, toErrorBody } from "../errors";

/** True when every %-sequence of the path decodes, and decodes to well-formed UTF-8. */
export function isDecodablePath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0]!;
  try {
    // decodeURIComponent throws URIError on a stray "%", a bad hex pair and invalid UTF-8
    // (overlong forms, encoded surrogates, truncated sequences) alike.
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function undecodablePathError(): AppError {
  return new BadRequestError("The URL path is not valid percent-encoded UTF-8", "invalid_path");
}

/** The status, headers and body for an AppError, for code that writes to node:http directly. */
export function rawErrorAnswer(error: AppError): { status: number; headers: Record<string, string>; body: string } {
  const { status, body } = toErrorBody(error);
  const text = JSON.stringify(body);
  return { status, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...error.headers }, body: text };
}

/**
 * What to write on a socket whose request Node's parser refused (the `clientError` event). A HEAD
 * request gets the head only: a body after it would be read as the start of the next answer.
 */
export function clientErrorResponse(code: string | undefined, rawPacket?: Buffer): string {
  const error =
    code === "HPE_HEADER_OVERFLOW"
      ? new AppError(431, "headers_too_large", "The request line or headers are too large")
      : code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new AppError(408, "request_timeout", "The request took too long to arrive")
        : new BadRequestError("The request is not valid HTTP (the path must be ASCII, with other bytes percent-encoded)", "malformed_request");
  const { status, headers, body } = rawErrorAnswer(error);
  const lines = Object.entries({ ...headers, connection: "close" }).map(([name, value]) => `${name}: ${value}`);
  const head = lastRequestMethod(rawPacket) === "HEAD";
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join("\r\n")}\r\n\r\n${head ? "" : body}`;
}

// A request line: method, target, version. Not anchored: the refused packet may begin mid-stream
// (the tail of a long request line or of an earlier request's body read in an earlier chunk), and
// the request being answered is the last one in it.
const REQUEST_LINE = /([A-Z]{3,10}) [^\r\n ]* HTTP\/1\.[01]\r?\n/g;

/** The method of the last request line in the packet Node's parser refused (undefined if none is there). */
export function lastRequestMethod(rawPacket?: Buffer): string | undefined {
  if (!rawPacket) return undefined;
  let method: string | undefined;
  for (const match of rawPacket.toString("latin1").matchAll(REQUEST_LINE)) method = match[1];
  return method;
}
