import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { requireScope, type AuthedContext } from "../auth/actor";
import { AppError, ForbiddenError, type ErrorCode } from "../errors";
import { buildMcpServer } from "../mcp/mcp-server";
import { mcpSubject, toolContext } from "../mcp/mcp-subject";

/**
 * One Streamable HTTP exchange (POST of JSON-RPC messages), stateless: a server and transport per
 * request, answered as JSON. There is no server-initiated stream, so GET and DELETE are 405.
 */
export async function handleMcpRequest({ ctx, req }: { ctx: AuthedContext; req: Request }): Promise<Response> {
  requireScope(ctx, "mcp");
  if (ctx.actor.via !== "api_key") throw new ForbiddenError("The MCP server takes an API key with the mcp scope", "api_key_required");
  if (req.method !== "POST") {
    throw Object.assign(new AppError(405, "method_not_allowed", "This MCP server is stateless: send JSON-RPC messages with POST"), { headers: { allow: "POST, OPTIONS" } });
  }
  const subject = mcpSubject(req.headers);
  const server = buildMcpServer(toolContext(ctx), subject);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await inEnvelope(await transport.handleRequest(req));
  } finally {
    void transport.close().catch(() => {});
    void server.close().catch(() => {});
  }
}

// JSON-RPC error codes the transport answers HTTP errors with (a JSON-RPC answer to a JSON-RPC
// request is a 200 and stays as it is).
const JSON_RPC_PARSE_ERROR = -32700;
const CODE_BY_STATUS: Record<number, ErrorCode> = { 400: "invalid_mcp_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable", 415: "unsupported_media_type" };

/**
 * The transport refuses a request at the HTTP level (wrong Accept or Content-Type, a body that is not
 * JSON-RPC) with a JSON-RPC error body; every /api/v1 error is the one envelope, so it is rewritten
 * as one (MCP clients read the HTTP status of such answers, not their body).
 */
async function inEnvelope(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const body = (await response.json().catch(() => null)) as { error?: { code?: number; message?: string } } | null;
  const parseError = body?.error?.code === JSON_RPC_PARSE_ERROR;
  const code: ErrorCode = parseError ? "invalid_json" : (CODE_BY_STATUS[response.status] ?? "invalid_mcp_request");
  const error = new AppError(response.status, code, body?.error?.message ?? `The MCP request was refused (HTTP ${response.status})`);
  const allow = response.headers.get("allow");
  if (allow) error.headers.allow = allow;
  throw error;
}
