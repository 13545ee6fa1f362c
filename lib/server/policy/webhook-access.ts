import "server-only";
import { MANAGE_ROLES } from "../auth/permissions";

/**
 * The one rule for "may this caller see and manage the app's webhook endpoints" (their URLs, the
 * delivery log with its payloads, the signing secrets shown at create and rotate): the app's owners
 * and developers, and the platform admin. Members are refused, reads included.
 */
export const WEBHOOK_MANAGER_ROLES = MANAGE_ROLES;
