import "server-only";
import { API_KEY_SCOPES, type ApiKeyScope } from "../../schemas/api-keys";
import { ForbiddenError } from "../errors";

/** What a connect session token lets its bearer (an app's end user, in the app's frontend) do. */
export type ConnectSessionAccess = {
  sessionId: string;
  appId: string;
  /** The app's own id for the end user (userId is their users row). */
  endUserId: string;
  allowedAuthenticators: readonly string[];
  allowedOrigins: readonly string[];
};

/**
 * Who is calling: a signed-in person (all scopes), an API key acting for its user, or a connect
 * session acting for one end user of one app (connect, list and disconnect only).
 */
export type Actor = {
  userId: number;
  email: string;
  isAdmin: boolean;
  via: "session" | "api_key" | "system" | "connect_session";
  connectSession?: ConnectSessionAccess;
  apiKeyId?: string;
  /** An API key restricted to one app may only touch that app. */
  appRestriction?: string | null;
  scopes: ReadonlySet<ApiKeyScope>;
};

export type RequestContext = { actor: Actor | null; requestId: string; ip?: string | null };
export type AuthedContext = RequestContext & { actor: Actor };

export const ALL_SCOPES: ReadonlySet<ApiKeyScope> = new Set(API_KEY_SCOPES);

export function requireScope(ctx: AuthedContext, scope: ApiKeyScope): void {
  if (!ctx.actor.scopes.has(scope)) {
    const who = ctx.actor.via === "connect_session" ? "A connect session cannot do this (it has" : "This API key lacks";
    throw new ForbiddenError(ctx.actor.via === "connect_session" ? `${who} no "${scope}" scope)` : `${who} the "${scope}" scope`, "insufficient_scope");
  }
}

/** Account-level actions (API keys, apps, members) are for people, not for keys. */
export function requireSession(ctx: AuthedContext): void {
  if (ctx.actor.via === "api_key" || ctx.actor.via === "connect_session") {
    throw new ForbiddenError("This action needs a signed-in user; API keys cannot perform it", "session_required");
  }
}
