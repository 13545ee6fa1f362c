import "server-only";
import { appIdSchema } from "../../schemas/apps";
import { endUserIdSchema } from "../../schemas/end-users";
import { MCP_APP_HEADER, MCP_END_USER_HEADER } from "../../schemas/mcp";
import type { ApiKeyScope } from "../../schemas/api-keys";
import type { AuthedContext } from "../auth/actor";
import { ValidationError, zodIssues } from "../errors";

/** Whose accounts an MCP request acts on: an end user of the app (by header), or the API key's own user. */
export type McpSubject = { endUserId: string | null; appId: string | null };

/**
 * What the `mcp` scope lets the tools do: list, connect and disconnect accounts and call APIs
 * through the proxy, for the subject. Never tokens:read: no tool hands out a token.
 */
const TOOL_SCOPES: readonly ApiKeyScope[] = ["connections:read", "connections:write", "connect:write", "proxy", "authenticators:read"];

export function mcpSubject(headers: Headers): McpSubject {
  const endUser = headers.get(MCP_END_USER_HEADER);
  const app = headers.get(MCP_APP_HEADER);
  const parsedEndUser = endUser === null ? null : endUserIdSchema.safeParse(endUser);
  const parsedApp = app === null ? null : appIdSchema.safeParse(app);
  if (parsedEndUser && !parsedEndUser.success) throw new ValidationError(`${MCP_END_USER_HEADER} is invalid`, zodIssues(parsedEndUser.error));
  if (parsedApp && !parsedApp.success) throw new ValidationError(`${MCP_APP_HEADER} is invalid`, zodIssues(parsedApp.error));
  return { endUserId: parsedEndUser?.data ?? null, appId: parsedApp?.data ?? null };
}

export function toolContext(ctx: AuthedContext): AuthedContext {
  return { ...ctx, actor: { ...ctx.actor, scopes: new Set(TOOL_SCOPES) } };
}
