import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { actingAppId } from "../policy/app-access";
import { END_USER_MANAGER_ROLES } from "../policy/end-user-access";
import { createConnectLink } from "./create-connect-link";
import type { SubjectRequest } from "./resolve-subject";

/** Refusals a user can fix by connecting (again). */
const FIXED_BY_CONNECTING = new Set(["connection_not_found", "reauthorization_required", "token_expired"]);

/** An end user's link is reused this long (its session lives 30 minutes): an agent polling "connected yet?" mints one, not one a call. */
const REUSE_MS = 5 * 60_000;
const links: Map<string, { url: string; at: number }> = ((globalThis as { __fiberwiseConnectLinks?: Map<string, { url: string; at: number }> }).__fiberwiseConnectLinks ??= new Map());

/**
 * Add connect_url to a refusal the user can fix by connecting, when the caller may make the link
 * (for an end user that means minting a connect session: connect:write, an owner or developer);
 * other errors, and refusals the caller cannot make a link for, pass unchanged.
 */
export async function withConnectUrl(ctx: AuthedContext, request: SubjectRequest & { authenticatorId: string }, error: unknown): Promise<unknown> {
  if (!(error instanceof AppError) || !FIXED_BY_CONNECTING.has(error.code)) return error;
  const url = await linkFor(ctx, request).catch(() => null);
  if (url) error.extra.connect_url = url;
  return error;
}

async function linkFor(ctx: AuthedContext, request: SubjectRequest & { authenticatorId: string }): Promise<string> {
  const appId = actingAppId(ctx.actor, request.appId);
  if (!request.endUserId || !appId) return (await createConnectLink({ ctx, input: request })).connect_url;
  const key = `${appId}\u0000${request.endUserId}\u0000${request.authenticatorId}`;
  const cached = links.get(key);
  if (cached && Date.now() - cached.at < REUSE_MS) {
    // The link was minted for another caller: this one must be allowed to mint it too.
    requireScope(ctx, "connect:write");
    await requireAppRole(getPrisma(), ctx, appId, END_USER_MANAGER_ROLES);
    return cached.url;
  }
  const { connect_url: url } = await createConnectLink({ ctx, input: request });
  if (links.size >= 10_000) links.delete(links.keys().next().value!);
  links.set(key, { url, at: Date.now() });
  return url;
}
