import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  callApiResultSchema, callApiToolInput, connectAccountToolInput, disconnectAccountToolInput, listConnectionsToolInput, MCP_MAX_BODY_CHARS,
} from "../../schemas/mcp";
import type { AuthedContext } from "../auth/actor";
import { listAuthenticators } from "../authenticators/list-authenticators";
import { createConnectLink } from "../connections/create-connect-link";
import { listConnections } from "../connections/list-connections";
import { revokeConnection } from "../connections/revoke-connection";
import { AppError, toErrorBody } from "../errors";
import { logger } from "../logger";
import { actingAppId } from "../policy/app-access";
import { callApi } from "./call-api";
import type { McpSubject } from "./mcp-subject";

const VERSION = "1.0.0";

/**
 * The MCP server for one request (the transport is stateless): four tools acting for the subject
 * with the tool scopes. No tool returns a token; errors are tool errors carrying the envelope.
 */
export function buildMcpServer(ctx: AuthedContext, subject: McpSubject): McpServer {
  const server = new McpServer(
    { name: "fiberwise", version: VERSION },
    { instructions: "Call third-party APIs (Google, Microsoft, GitHub, Slack, …) as the user, without handling OAuth tokens. If a tool answers connection_not_found or reauthorization_required, give the user the connect_url it returns (or call connect_account), then try again once they have connected." },
  );
  const who = subject.endUserId ? { endUserId: subject.endUserId, appId: subject.appId } : { appId: subject.appId };
  const tool = (run: () => Promise<object>) => answer(run, ctx.requestId);

  server.registerTool(
    "list_connections",
    {
      title: "List connected accounts",
      description: "The user's connected accounts (status, scopes, when they expire; never a token) and, when the app is known, the authenticators they could connect.",
      inputSchema: listConnectionsToolInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => tool(async () => {
      const connections = await listConnections({ ctx, input: who });
      const appId = actingAppId(ctx.actor, subject.appId);
      const available = appId
        ? (await listAuthenticators({ ctx, input: { appId } })).map((a) => ({
            authenticator_id: a.authenticator_id, name: a.name, authenticator_type: a.authenticator_type,
            connected: connections.some((c) => c.authenticator_id === a.authenticator_id && c.status !== "needs_reauth"),
          }))
        : undefined;
      return { connections, ...(available ? { available_authenticators: available } : {}) };
    }),
  );

  server.registerTool(
    "connect_account",
    {
      title: "Get a link to connect an account",
      description: "A URL where the user connects (or reconnects) an account: show it to the user and ask them to open it, then retry. For an end user it is a hosted page that lives 30 minutes.",
      inputSchema: connectAccountToolInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) => tool(() => createConnectLink({ ctx, input: { ...who, authenticatorId: args.authenticator_id } })),
  );

  server.registerTool(
    "call_api",
    {
      title: "Call a provider API as the user",
      description: `Send an HTTP request to the connected provider's API as the user (the platform adds the OAuth token and refreshes it). Answers the provider's status, headers and body; bodies longer than ${MCP_MAX_BODY_CHARS} characters are cut (truncated: true), binary bodies come base64-encoded.`,
      inputSchema: callApiToolInput,
      outputSchema: callApiResultSchema.shape,
      annotations: { readOnlyHint: false, openWorldHint: true },
    },
    (args, extra) => tool(() => callApi(ctx, subject, args, extra.signal)),
  );

  server.registerTool(
    "disconnect_account",
    {
      title: "Disconnect an account",
      description: "Remove the user's connection to an authenticator: its tokens are revoked at the provider and deleted.",
      inputSchema: disconnectAccountToolInput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    (args) => tool(async () => ({ disconnected: args.authenticator_id, ...(await revokeConnection({ ctx, input: { ...who, authenticatorId: args.authenticator_id } })) })),
  );
  return server;
}

/** A tool's answer as MCP content: the JSON as text and as structured content; a refusal as a tool error with the envelope. */
async function answer(run: () => Promise<object>, requestId: string): Promise<CallToolResult> {
  try {
    const result = await run();
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof AppError)) logger.error({ err: error }, "MCP tool failed");
    const { body } = toErrorBody(error, requestId);
    return { isError: true, content: [{ type: "text", text: JSON.stringify(body) }] };
  }
}
