import { z } from "zod";
import { appIdSchema } from "../../schemas/apps";
import { authenticatorIdSchema } from "../../schemas/common";
import type { ErrorCode } from "../../schemas/errors";

// Pieces the operation lists share.

/** The caller must belong to the app (or be the platform admin), with a role the route allows, and an app-restricted key must name its own app. */
export const APP_ACCESS: ErrorCode[] = ["app_not_found", "insufficient_role", "app_restricted"];
/** As APP_ACCESS, for routes that also need to know which app: app_id (query or body) or the key's own. */
export const ACTING_APP: ErrorCode[] = [...APP_ACCESS, "app_id_required"];

export const appPath = z.object({ app_id: appIdSchema.describe("The app's id, e.g. email-assistant") });
export const authenticatorPath = z.object({ authenticator_id: authenticatorIdSchema.describe("The authenticator's id, e.g. google") });

export const redirectHeaders = z.object({ location: z.string().describe("Where the browser goes next") });
