import "server-only";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { PROXY_METHODS, proxyControlFromHeaders, proxyControlSchema, type ProxyMethod } from "../../schemas/proxy";
import { forceRefreshedToken } from "../connections/get-connection-token";
import { fastRowKey, forgetRow } from "../grants/fast-row-cache";
import { fastGrant } from "../connections/serve-token-fast";
import { sha256Hex } from "../crypto/hash";
import { toErrorBody, ValidationError } from "../errors";
import { apiBaseUrl } from "./api-base-url";
import { proxyPathProblem } from "./proxy-path";
import { forward, relay, type ProxyInput } from "./proxy-request";
import { readRequestBody } from "./request-body";

const PROXY_PATH = /^\/api\/v1\/proxy\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/[^?]*)?$/;
const NULL_BODY = new Set([204, 205, 304]);
/** How long the fast path may reuse the row of one key, user and authenticator (0: read it for every call). */
const AUTH_CACHE_MS = Number(process.env.PROXY_AUTH_CACHE_MS ?? 1000);

/**
 * The proxy for the production server, before Next.js: the same request the route handles, for
 * the common case (an API key with the proxy scope, its own or an end user's valid token that
 * needs no refresh and no bookkeeping write), decided by the token fast path's one statement and
 * policy checks (its row reused for PROXY_AUTH_CACHE_MS, 1 s, per key, user and authenticator). Returns false, having read nothing of the body, whenever the route must answer
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
  const [appId, endUserId] = [control.data.app_id ?? null, control.data.end_user_id ?? null];
  const fast = await fastGrant(key, authenticatorId, appId, endUserId, "proxy", { cacheMs: AUTH_CACHE_MS });
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
    const refresh = () => {
      forgetRow(fastRowKey(sha256Hex(key), authenticatorId, appId, endUserId));
      return forceRefreshedToken(grantId);
    };
    const answer = relay(await forward(fast.row.app_id, input, apiBase, fast.token.access_token, refresh), authenticatorId, apiBase);
    res.writeHead(answer.status, { ...answer.headers, "x-request-id": requestId });
    if (!answer.body || method === "HEAD" || NULL_BODY.has(answer.status)) {
      answer.body?.resume();
      res.end();
    } else {
      await relayBody(answer.body, res);
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

/**
 * Stream the provider's body to the caller with backpressure (by hand: stream.pipeline's
 * bookkeeping cost more than the copy on this path). Either side failing ends both.
 */
function relayBody(body: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      body.destroy();
      if (!res.writableEnded) res.destroy();
      resolve();
    };
    body.on("data", (chunk: Buffer) => {
      if (!res.write(chunk)) body.pause();
    });
    res.on("drain", () => body.resume());
    body.once("end", () => res.end(resolve));
    body.once("error", stop);
    res.once("close", () => {
      if (!res.writableFinished) stop();
    });
  });
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
