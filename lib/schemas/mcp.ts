import { z } from "zod";
import { authenticatorIdSchema } from "./common";
import { PROXY_METHODS, proxySubjectSchema } from "./proxy";

// Header values an agent may set on call_api: no control characters but tab (a CR or LF would be refused by the HTTP client).
const headerValue = z.string().max(8192).regex(/^[\t\x20-\x7e\x80-\uffff]*$/, { error: "header values may not contain control characters" });
const headerName = z.string().min(1).max(200).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "not a valid header name" });
// A lone UTF-16 surrogate cannot be %-encoded into a path.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Client-safe: the MCP server's tools (/api/v1/mcp). Their inputs are these shapes; the SDK turns
// them into the JSON Schemas clients see in tools/list.

/** call_api answers at most this many characters of the provider's body (the rest is cut, and said so). */
export const MCP_MAX_BODY_CHARS = 100_000;

/** The MCP server's subject: fiberwise-end-user-id (with fiberwise-app-id), as the proxy reads them; no member by id. */
export const mcpSubjectSchema = proxySubjectSchema.pick({ end_user_id: true, app_id: true });

export const listConnectionsToolInput = {};

export const connectAccountToolInput = {
  authenticator_id: authenticatorIdSchema.describe("The authenticator to connect, e.g. \"google\" (list_connections shows the app's)"),
};

export const disconnectAccountToolInput = {
  authenticator_id: authenticatorIdSchema.describe("The authenticator whose connection to remove (its tokens are revoked at the provider)"),
};

const queryValue = z.union([z.string(), z.number(), z.boolean()]);

export const callApiToolInput = {
  authenticator_id: authenticatorIdSchema.describe("Which connected account's API to call, e.g. \"google\""),
  method: z.enum(PROXY_METHODS).default("GET").describe("HTTP method"),
  path: z
    .string()
    .min(1)
    .max(4096)
    .regex(/^\//, { error: "path must start with /" })
    .refine((p) => !LONE_SURROGATE.test(p), { error: "path contains an unpaired surrogate" })
    .describe("Path under the provider's API base, e.g. /gmail/v1/users/me/messages (no host: the platform knows it)"),
  query: z.record(z.string().max(200), z.union([queryValue, z.array(queryValue).max(50)])).optional().describe("Query parameters"),
  headers: z.record(headerName, headerValue).optional().describe("Extra request headers (Authorization is set by the platform)"),
  body: z.union([z.string().max(1_000_000), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional()
    .describe("Request body: a JSON object or array (sent as application/json), or a string sent as is"),
};

/** What call_api answers: the provider's status, headers and body (text, or base64 for binary), cut to MCP_MAX_BODY_CHARS. */
export const callApiResultSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  body_encoding: z.enum(["utf8", "base64"]),
  truncated: z.boolean(),
  body_bytes: z.number().int().describe("Bytes of the body read (up to the cut)"),
});
export type CallApiResult = z.infer<typeof callApiResultSchema>;

// The transport's messages (JSON-RPC 2.0, MCP Streamable HTTP with JSON answers). Their params and
// results are MCP's own (initialize, tools/list, tools/call …): described loosely here, exactly in
// the MCP specification.
const jsonRpcId = z.union([z.string(), z.number().int()]);

export const jsonRpcMessageSchema = z
  .looseObject({
    jsonrpc: z.literal("2.0"),
    id: jsonRpcId.optional().describe("Absent on notifications (answered 202 with no body)"),
    method: z.string().describe("initialize, notifications/initialized, tools/list, tools/call, ping …"),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "JsonRpcRequest" });

export const jsonRpcResponseSchema = z
  .object({
    jsonrpc: z.literal("2.0"),
    id: jsonRpcId.nullable(),
    result: z.record(z.string(), z.unknown()).optional().describe("tools/call: { content: [{ type: \"text\", text }], structuredContent?, isError? }"),
    error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }).optional(),
  })
  .meta({ id: "JsonRpcResponse" });
