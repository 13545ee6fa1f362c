import "server-only";
import type { ApiKeyScope } from "../../schemas/api-keys";
import { mcpSubjectSchema } from "../../schemas/mcp";
import { PROXY_HEADER } from "../../schemas/proxy";
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
  const given = Object.fromEntries(
    ([["end_user_id", PROXY_HEADER.endUserId], ["app_id", PROXY_HEADER.appId]] as const).flatMap(([field, header]) => {
      const value = headers.get(header);
      return value === null ? [] : [[field, value]];
    }),
  );
  const parsed = mcpSubjectSchema.safeParse(given);
  if (!parsed.success) throw new ValidationError(`${PROXY_HEADER.endUserId} or ${PROXY_HEADER.appId} is invalid`, zodIssues(parsed.error));
  return { endUserId: parsed.data.end_user_id ?? null, appId: parsed.data.app_id ?? null };
}

export function toolContext(ctx: AuthedContext): AuthedContext {
  return { ...ctx, actor: { ...ctx.actor, scopes: new Set(TOOL_SCOPES) } };
}
