import { z } from "zod";
import { appIdSchema } from "../../schemas/apps";
import { authenticatorIdSchema, intIdSchema } from "../../schemas/common";
import { endUserIdSchema } from "../../schemas/end-users";
import { jsonRpcMessageSchema, jsonRpcResponseSchema } from "../../schemas/mcp";
import { MAX_PROXY_RETRIES, PROXY_HEADER, PROXY_METHODS } from "../../schemas/proxy";
import type { Method, Operation } from "../operation";
import { ACTING_APP } from "./common";

const proxyPath = z.object({
  authenticator_id: authenticatorIdSchema.describe("Whose API: the authenticator of the connected account, e.g. google"),
  path: z.string().max(4096).describe("The path under the provider's API base (may hold slashes), e.g. gmail/v1/users/me/messages; the query string is passed on"),
});

const proxyHeaders = z.object({
  [PROXY_HEADER.endUserId]: endUserIdSchema.optional().describe("Act for this end user of the app (owners and developers)"),
  [PROXY_HEADER.userId]: intIdSchema.optional().describe("Act for this member of the app (owners)"),
  [PROXY_HEADER.appId]: appIdSchema.optional().describe("The app, when the key is not restricted to one"),
  [PROXY_HEADER.retries]: z.coerce.number().int().min(0).max(MAX_PROXY_RETRIES).optional().describe(`Retry 5xx, 429 (after Retry-After) and network failures up to this many times (0–${MAX_PROXY_RETRIES}, default 0)`),
  [PROXY_HEADER.retryUnsafe]: z.enum(["true", "false"]).optional().describe("Also retry POST and PATCH (default false)"),
});

const PROXY_ERRORS = [
  ...ACTING_APP, "connect_session_scope", "authenticator_not_allowed", "connection_not_found", "reauthorization_required", "token_expired",
  "secret_unreadable", "proxy_not_configured", "invalid_provider_url", "provider_unavailable", "payload_too_large",
] as const;

const proxyOperation = (method: Method): Operation => ({
  method,
  path: "/api/v1/proxy/{authenticator_id}/{path}",
  operationId: `proxy${method[0]!.toUpperCase()}${method.slice(1)}`,
  summary: `Call the provider's API (${method.toUpperCase()})`,
  description:
    "The platform adds the connected account's access token (refreshed when due, and once more if the provider answers 401) and relays the " +
    "provider's answer as it came — status, headers and body, streamed — marked `fiberwise-proxied: true` and `fiberwise-attempts`. The token never " +
    "reaches the caller. Whose account: the key's own user, fiberwise-user-id's, or fiberwise-end-user-id's. Answers without `fiberwise-proxied` " +
    "are the platform's own, in the error envelope; connection_not_found carries a connect_url to hand the user. Every `fiberwise-*` header is " +
    "dropped before the provider sees the request, and so are cookies and the caller's Authorization.",
  tag: "Agents",
  auth: "api_key",
  scope: "proxy",
  params: { path: proxyPath, header: proxyHeaders },
  ...(["post", "put", "patch", "delete"].includes(method) ? { body: { schema: z.unknown(), contentType: "*/*", required: false } } : {}),
  responses: {
    default: {
      description: "The provider's answer, relayed as it came (any status, headers and body), with fiberwise-proxied: true and fiberwise-attempts",
      contentType: "*/*",
      headers: z.object({
        "fiberwise-proxied": z.literal("true").describe("This answer is the provider's"),
        "fiberwise-attempts": z.string().describe("How many times the provider was called (retries, and one refresh after a 401)"),
      }),
    },
  },
  errors: [...PROXY_ERRORS],
});

const mcpPath = "/api/v1/mcp";
const mcpHeaders = z.object({
  [PROXY_HEADER.endUserId]: endUserIdSchema.optional().describe("The end user the tools act for (default: the API key's own user)"),
  [PROXY_HEADER.appId]: appIdSchema.optional().describe("The app, when the key is not restricted to one"),
  accept: z.string().describe("application/json, text/event-stream (as MCP clients send it)"),
});

export const agentOperations: Operation[] = [
  ...(PROXY_METHODS.map((m) => proxyOperation(m.toLowerCase() as Method))),
  {
    method: "post", path: mcpPath, operationId: "mcp", summary: "The MCP server",
    description:
      "Model Context Protocol over Streamable HTTP, stateless, with JSON answers: tools list_connections, connect_account, disconnect_account " +
      "and call_api (the proxy's call as a tool; never a token). Point an MCP client at this URL with the API key as a bearer token.",
    tag: "Agents", auth: "api_key", scope: "mcp",
    params: { header: mcpHeaders },
    body: {
      schema: z.union([jsonRpcMessageSchema, z.array(jsonRpcMessageSchema)]),
      examples: {
        listTools: { summary: "List the tools", value: { jsonrpc: "2.0", id: 1, method: "tools/list" } },
        callApi: {
          summary: "Call an API as an end user",
          value: { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "call_api", arguments: { authenticator_id: "google", method: "GET", path: "/gmail/v1/users/me/profile" } } },
        },
      },
    },
    responses: {
      200: { description: "The JSON-RPC answer (tool errors are results with isError, carrying the envelope)", schema: z.union([jsonRpcResponseSchema, z.array(jsonRpcResponseSchema)]) },
      202: { description: "A notification or response was accepted (no body)" },
    },
    errors: [...ACTING_APP, "invalid_mcp_request", "not_acceptable", "method_not_allowed"],
  },
  ...(["get", "delete"] as const).map(
    (method): Operation => ({
      method, path: mcpPath, operationId: `mcp${method === "get" ? "Stream" : "EndSession"}`,
      summary: method === "get" ? "MCP server-sent stream (not offered)" : "End an MCP session (not offered)",
      description: "The server is stateless: there is no stream to open and no session to end. Always 405 method_not_allowed, with Allow: POST, OPTIONS.",
      tag: "Agents", auth: "api_key", scope: "mcp",
      responses: {},
      errors: ["method_not_allowed"],
    }),
  ),
];
