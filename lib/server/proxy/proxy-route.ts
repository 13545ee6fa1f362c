import "server-only";
import { Readable } from "node:stream";
import { proxyControlFromHeaders, proxyControlSchema, type ProxyMethod } from "../../schemas/proxy";
import { ValidationError, zodIssues } from "../errors";
import type { ProxyAnswer, ProxyInput } from "./proxy-request";
import { readRequestBody } from "./request-body";

/** The proxy's input from a web Request (the Next.js route): method, raw path and query, control headers, body. */
export async function proxyInputFromRequest(req: Request, authenticatorId: string): Promise<ProxyInput> {
  const url = new URL(req.url);
  const prefix = `/api/v1/proxy/${authenticatorId}`;
  const control = proxyControlSchema.safeParse(proxyControlFromHeaders(req.headers));
  if (!control.success) throw new ValidationError("A fiberwise-* header is invalid", zodIssues(control.error));
  return {
    authenticatorId,
    method: req.method.toUpperCase() as ProxyMethod,
    path: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "",
    search: url.search,
    headers: req.headers.entries(),
    body: await readRequestBody(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length")),
    control: control.data,
    signal: req.signal,
  };
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** The proxy's answer as a streaming web Response. */
export function proxyResponse(answer: ProxyAnswer, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const empty = !answer.body || method === "HEAD" || NULL_BODY.has(answer.status);
  if (empty) answer.body?.resume();
  const body = empty ? null : (Readable.toWeb(answer.body!) as ReadableStream<Uint8Array>);
  return new Response(body, { status: answer.status, headers });
}
