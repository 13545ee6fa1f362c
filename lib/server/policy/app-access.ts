import "server-only";
import { ForbiddenError, ValidationError } from "../errors";

type Restricted = { appRestriction?: string | null };

/**
 * The one rule for "which app may this caller act in". An API key restricted to an app acts only in
 * that app: a request naming another app is refused, never quietly widened or narrowed. Without a
 * restriction the app is whatever the request names (or none). Every route, the token fast path and
 * the service layer ask this function; none writes the rule again.
 */
export function actingAppId(actor: Restricted, requested?: string | null): string | null {
  const given = requested?.trim() || null;
  if (actor.appRestriction) {
    if (given && given !== actor.appRestriction) throw appRestricted(actor.appRestriction);
    return actor.appRestriction;
  }
  return given;
}

/** As actingAppId, for requests that must name an app (in the query, the body or the key). */
export function requireActingAppId(actor: Restricted, requested?: string | null): string {
  const appId = actingAppId(actor, requested);
  if (!appId) {
    throw new ValidationError('app_id is required (pass ?app_id= or "app_id" in the body)', [{ path: "app_id", message: "Required" }], "app_id_required");
  }
  return appId;
}

/** Refuse an actor restricted to another app (used once the app is known, e.g. from a row). */
export function assertMayActInApp(actor: Restricted, appId: string): void {
  actingAppId(actor, appId);
}

/** The same rule as a predicate, for paths that decline instead of answering (the fast path). */
export function mayActInApp(actor: Restricted, appId: string, requested?: string | null): boolean {
  try {
    const acting = actingAppId(actor, requested);
    return acting === null || acting === appId;
  } catch {
    return false;
  }
}

const appRestricted = (appId: string) => new ForbiddenError(`This API key is restricted to the app "${appId}"`, "app_restricted");
