import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { PROXY_METHODS, proxyControlFromHeaders, proxyControlSchema, type ProxyMethod } from "../../schemas/proxy";
import { forceRefreshedToken } from "../connections/get-connection-token";
import { fastGrant } from "../connections/serve-token-fast";
import { toErrorBody, ValidationError } from "../errors";
import { apiBaseUrl } from "./api-base-url";
import { proxyPathProblem } from "./proxy-path";
import { forward, relay, type ProxyInput } from "./proxy-request";
import { readRequestBody } from "./request-body";

const PROXY_PATH = /^\/api\/v1\/proxy\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/[^?]*)?$/;
const NULL_BODY = new Set([204, 205, 304]);

/**
 * The proxy for the production server, before Next.js: the same request the route handles, for
 * the common case (an API key with the proxy scope, its own or an end user's valid token that
 * needs no refresh and no bookkeeping write), decided by the token fast path's one statement and
 * policy checks. Returns false, having read nothing of the body, whenever the route must answer
 * instead (anything else: a member by user_id, a refresh due, an unknown key, any refusal); once it
 * says yes it answers everything itself, the provider's failures in the envelope.
 */
export async function serveProxyFast(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const [rawPath, query] = splitUrl(req.url ?? "");
  const match = PROXY_PATH.exec(rawPath);
  const method = (req.method ?? "GET").toUpperCase() as ProxyMethod;
  const key = /^Bearer\s+(fw_live_\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!match || !key || !PROXY_METHODS.includes(method)) return false;
  const control = proxyControlSchema.safeParse(proxyControlFromHeaders({ get: (name) => single(req.headers[name]) }));
  if (!control.success || control.data.user_id) return false;
  const authenticatorId = match[1]!;
  const fast = await fastGrant(key, authenticatorId, control.data.app_id ?? null, control.data.end_user_id ?? null, "proxy");
  if (!fast) return false;
  const apiBase = apiBaseUrl(fast.row.authenticator_type, fast.row.configuration);
  if (!apiBase) return false;

  const requestId = randomUUID();
  const path = match[2] ?? "";
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    // The raw path, as it arrived (Next.js would have resolved dot segments before the route saw it).
    const problem = proxyPathProblem(path);
    if (problem) throw new ValidationError(problem, [{ path: "path", message: problem }], "invalid_proxy_path");
    const input: ProxyInput = {
      authenticatorId, method, path, search: query, headers: Object.entries(req.headers),
      body: hasBody(req) ? await readRequestBody(req, single(req.headers["content-length"])) : await readRequestBody(null),
      control: control.data, signal: abort.signal,
    };
    const grantId = fast.row.grant_id;
    const answer = relay(await forward(fast.row.app_id, input, apiBase, fast.token.access_token, () => forceRefreshedToken(grantId)), authenticatorId, apiBase);
    res.writeHead(answer.status, { ...answer.headers, "x-request-id": requestId });
    if (!answer.body || method === "HEAD" || NULL_BODY.has(answer.status)) {
      answer.body?.resume();
      res.end();
    } else {
      await pipeline(answer.body, res).catch(() => res.destroy());
    }
  } catch (error) {
    if (abort.signal.aborted) return true;
    const { status, body } = toErrorBody(error, requestId);
    const text = JSON.stringify(body);
    const headers = (error as { headers?: Record<string, string> }).headers ?? {};
    if (res.headersSent) res.destroy();
    else res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": requestId, ...headers }).end(text);
  }
  return true;
}

function splitUrl(url: string): [string, string] {
  const at = url.indexOf("?");
  return at === -1 ? [url, ""] : [url.slice(0, at), url.slice(at)];
}

function single(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return !!req.headers["transfer-encoding"] || (length !== undefined && length !== "0");
}
