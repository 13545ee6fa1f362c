import { API_KEY_SCOPES, type ApiKeyScope } from "../../schemas/api-keys";
import { ForbiddenError } from "../errors";

/** Who is calling: a signed-in person (all scopes) or an API key acting for its user. */
export type Actor = {
  userId: number;
  email: string;
  isAdmin: boolean;
  via: "session" | "api_key" | "system";
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
    throw new ForbiddenError(`This API key lacks the "${scope}" scope`, "insufficient_scope");
  }
}

/** Account-level actions (API keys, apps, members) are for people, not for keys. */
export function requireSession(ctx: AuthedContext): void {
  if (ctx.actor.via === "api_key") {
    throw new ForbiddenError("This action needs a signed-in user; API keys cannot perform it", "session_required");
  }
}
