import "server-only";
import { Readable } from "node:stream";
import { proxyControlFromHeaders, proxyControlSchema, type ProxyMethod } from "../../schemas/proxy";
import { ValidationError, zodIssues } from "../errors";
import { bodyless, type ProxyAnswer, type ProxyInput } from "../proxy/proxy-types";
import { readRequestBody } from "../proxy/request-body";
import { PROXY_HANDOFF_HEADER } from "./proxy-handoff";

/**
 * The proxy's input from a web Request (the Next.js route): method, raw path and query, control
 * headers, body. Under `npm start` the production server hands over the path exactly as it arrived
 * (Next.js resolves dot segments and redirects trailing slashes before a route runs) and the
 * caller's Accept-Encoding (so that Next's compression leaves the provider's bytes alone).
 */
export async function proxyInputFromRequest(req: Request, authenticatorId: string): Promise<ProxyInput> {
  const url = new URL(req.url);
  const prefix = `/api/v1/proxy/${authenticatorId}`;
  const handedPath = req.headers.get(PROXY_HANDOFF_HEADER.path);
  let path: string;
  if (handedPath !== null) path = handedPath;
  else if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) path = url.pathname.slice(prefix.length);
  else throw new ValidationError("Write the authenticator_id in the path as it is, not %-encoded", [{ path: "path", message: "not as given" }], "invalid_proxy_path");
  const control = proxyControlSchema.safeParse(proxyControlFromHeaders(req.headers));
  if (!control.success) throw new ValidationError("A fiberwise-* header is invalid", zodIssues(control.error));
  const encoding = req.headers.get(PROXY_HANDOFF_HEADER.acceptEncoding);
  const headers = [...req.headers.entries()];
  if (encoding !== null) headers.push(["accept-encoding", encoding]);
  return {
    authenticatorId,
    method: req.method.toUpperCase() as ProxyMethod,
    path,
    search: req.headers.get(PROXY_HANDOFF_HEADER.search) ?? url.search,
    headers,
    body: await readRequestBody(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length")),
    control: control.data,
    signal: req.signal,
  };
}

/** The proxy's answer as a streaming web Response. */
export function proxyResponse(answer: ProxyAnswer, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const empty = !answer.body || bodyless(method, answer.status);
  if (empty) answer.body?.resume();
  return new Response(empty ? null : (Readable.toWeb(answer.body!) as ReadableStream<Uint8Array>), { status: answer.status, headers });
}
