import { ValidationError } from "../errors";
import type { AuthedContext } from "./actor";

/** The app a request is about: the app_id it names, else the one its API key is restricted to. */
export function resolveAppId(ctx: AuthedContext, given: string | null | undefined): string {
  const appId = given?.trim() || ctx.actor.appRestriction;
  if (!appId) {
    throw new ValidationError("app_id is required (pass ?app_id= or \"app_id\" in the body)", [
      { path: "app_id", message: "Required" },
    ], "app_id_required");
  }
  return appId;
}
