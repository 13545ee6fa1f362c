import "server-only";
import type { Readable } from "node:stream";
import type { z } from "zod";
import { MCP_MAX_BODY_CHARS, type callApiToolInput, type CallApiResult } from "../../schemas/mcp";
import { proxyControlSchema } from "../../schemas/proxy";
import type { AuthedContext } from "../auth/actor";
import { proxyRequest } from "../proxy/proxy-request";
import { readRequestBody } from "../proxy/request-body";
import type { McpSubject } from "./mcp-subject";

type CallApiArgs = { [K in keyof typeof callApiToolInput]: z.infer<(typeof callApiToolInput)[K]> };

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[\w.+-]+\+(json|xml))|image\/svg\+xml)/i;

/**
 * The call_api tool: one request through the proxy (so the same refresh, retries and address
 * policy apply), answered with the provider's status, headers and body. Text comes back as text,
 * anything else as base64, both cut at MCP_MAX_BODY_CHARS (the stream is closed there).
 */
export async function callApi(ctx: AuthedContext, subject: McpSubject, args: CallApiArgs, signal?: AbortSignal): Promise<CallApiResult> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(args.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  // The body is read back as text for the agent: no compressed encodings.
  const headers: Record<string, string> = Object.fromEntries(Object.entries(args.headers ?? {}).filter(([name]) => name.toLowerCase() !== "accept-encoding"));
  let payload: Buffer | null = null;
  if (args.body !== undefined) {
    const json = typeof args.body !== "string";
    payload = Buffer.from(typeof args.body === "string" ? args.body : JSON.stringify(args.body));
    if (json && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  const [rawPath, inlineQuery] = splitQuery(args.path);
  // Agents write paths by hand: characters a URL path cannot hold raw (spaces, non-ASCII) are
  // encoded; existing %-escapes stay as they are.
  const path = rawPath.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => encodeURIComponent(c));
  const query = [inlineQuery, search.toString()].filter(Boolean).join("&");
  const answer = await proxyRequest({
    ctx,
    input: {
      authenticatorId: args.authenticator_id, method: args.method, path, search: query ? `?${query}` : "", headers: Object.entries(headers),
      body: await readRequestBody(payload ? (async function* () { yield payload; })() : null),
      control: proxyControlSchema.parse({ ...(subject.endUserId ? { end_user_id: subject.endUserId } : {}), ...(subject.appId ? { app_id: subject.appId } : {}) }),
      signal,
    },
  });
  const contentType = String(answer.headers["content-type"] ?? "");
  const textual = !contentType || TEXTUAL.test(contentType);
  // Base64 takes 4 characters for 3 bytes.
  const limit = textual ? MCP_MAX_BODY_CHARS * 4 : Math.floor((MCP_MAX_BODY_CHARS * 3) / 4);
  const { bytes, truncated } = answer.body ? await readUpTo(answer.body, limit) : { bytes: Buffer.alloc(0), truncated: false };
  let body = textual ? bytes.toString("utf8") : bytes.toString("base64");
  let cut = truncated;
  if (body.length > MCP_MAX_BODY_CHARS) {
    body = body.slice(0, MCP_MAX_BODY_CHARS);
    cut = true;
  }
  const flatHeaders = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]));
  return { status: answer.status, headers: flatHeaders, body, body_encoding: textual ? "utf8" : "base64", truncated: cut, body_bytes: bytes.length };
}

function splitQuery(path: string): [string, string] {
  const at = path.indexOf("?");
  return at === -1 ? [path, ""] : [path.slice(0, at), path.slice(at + 1)];
}

async function readUpTo(body: Readable, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      return { bytes: Buffer.concat(chunks).subarray(0, limit), truncated: true };
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
