import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { requireScope, type AuthedContext } from "../auth/actor";
import { AppError, ForbiddenError } from "../errors";
import { buildMcpServer } from "./mcp-server";
import { mcpSubject, toolContext } from "./mcp-subject";

/**
 * One Streamable HTTP exchange (POST of JSON-RPC messages), stateless: a server and transport per
 * request, answered as JSON. There is no server-initiated stream, so GET and DELETE are 405.
 */
export async function handleMcpRequest({ ctx, req }: { ctx: AuthedContext; req: Request }): Promise<Response> {
  requireScope(ctx, "mcp");
  if (ctx.actor.via !== "api_key") throw new ForbiddenError("The MCP server takes an API key with the mcp scope", "api_key_required");
  if (req.method !== "POST") {
    throw Object.assign(new AppError(405, "method_not_allowed", "This MCP server is stateless: send JSON-RPC messages with POST"), { headers: { allow: "POST" } });
  }
  const subject = mcpSubject(req.headers);
  const server = buildMcpServer(toolContext(ctx), subject);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req);
  } finally {
    void transport.close();
    void server.close();
  }
}
