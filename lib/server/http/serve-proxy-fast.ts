import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { PROXY_METHODS, proxyControlFromHeaders, proxyControlSchema, type ProxyMethod } from "../../schemas/proxy";
import { proxyPathProblem } from "../../schemas/proxy-path";
import { liveApiKey } from "../api/bearer";
import { PROXY_PATH } from "../api/proxy-handoff";
import { requestIdFrom } from "../api/with-api";
import { fastGrant } from "../connections/serve-token-fast";
import { sha256Hex } from "../crypto/hash";
import { toErrorBody, ValidationError } from "../errors";
import { fastRowKey, forgetRow } from "../grants/fast-row-cache";
import { refreshedAccessToken } from "../grants/refreshed-access-token";
import { providerApi } from "../proxy/provider-api";
import { callProvider } from "../proxy/call-provider";
import { proxySettings } from "../proxy/proxy-settings";
import { bodyless, type ProxyInput } from "../proxy/proxy-types";
import { relayAnswer } from "../proxy/relay-answer";
import { readRequestBody } from "../proxy/request-body";

/**
 * The proxy for the production server, before Next.js: the same request the route handles, for
 * the common case (an API key with the proxy scope, its own or an end user's valid token that
 * needs no refresh and no bookkeeping write), decided by the token fast path's one statement and
 * policy checks (its row reused for PROXY_AUTH_CACHE_MS, 1 s, per key, user and authenticator).
 * Returns false, having read nothing of the body, whenever the route must answer instead
 * (anything else: a member by user_id, a refresh due, an unknown key, any refusal); once it says
 * yes it answers everything itself, the provider's failures in the envelope.
 */
export async function serveProxyFast(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const [rawPath, query] = splitUrl(req.url ?? "");
  const match = PROXY_PATH.exec(rawPath);
  const method = (req.method ?? "GET").toUpperCase() as ProxyMethod;
  const key = liveApiKey(req.headers.authorization);
  if (!match || !key || !PROXY_METHODS.includes(method)) return false;
  const control = proxyControlSchema.safeParse(proxyControlFromHeaders({ get: (name) => single(req.headers[name]) }));
  if (!control.success || control.data.user_id) return false;
  const authenticatorId = match[1]!;
  const [appId, endUserId] = [control.data.app_id ?? null, control.data.end_user_id ?? null];
  const fast = await fastGrant(key, authenticatorId, appId, endUserId, "proxy", { cacheMs: proxySettings().authCacheMs });
  if (!fast) return false;
  const api = providerApi(fast.row.authenticator_type, fast.row.configuration, fast.row.client_id);
  if (!api) return false;

  const requestId = requestIdFrom(req.headers["x-request-id"]);
  const path = match[2] ?? "";
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  let body: Readable | null = null;
  try {
    // The raw path, as it arrived (Next.js would have resolved dot segments before the route saw it).
    const problem = proxyPathProblem(path);
    if (problem) throw new ValidationError(problem, [{ path: "path", message: problem }], "invalid_proxy_path");
    const input: ProxyInput = {
      authenticatorId, method, path, search: query, headers: Object.entries(req.headers),
      body: await readRequestBody(hasBody(req) ? req : null, single(req.headers["content-length"])),
      control: control.data, signal: abort.signal,
    };
    const grantId = fast.row.grant_id;
    const refresh = () => {
      forgetRow(fastRowKey(sha256Hex(key), authenticatorId, appId, endUserId));
      return refreshedAccessToken(grantId);
    };
    const upstream = await callProvider(fast.row.app_id, input, api, fast.token.access_token, refresh);
    body = upstream.body;
    const answer = relayAnswer(upstream, authenticatorId, api.base);
    res.writeHead(answer.status, { ...answer.headers, "x-request-id": requestId });
    if (bodyless(method, answer.status)) {
      body.resume();
      res.end();
    } else {
      await relayBody(body, res);
    }
  } catch (error) {
    body?.destroy();
    if (abort.signal.aborted) return true;
    const { status, body: envelope } = toErrorBody(error, requestId);
    const text = JSON.stringify(envelope);
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
