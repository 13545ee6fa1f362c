import "server-only";
import { MANAGE_ROLES } from "../auth/permissions";

/**
 * The one rule for "may this caller act for the app's end users" (mint connect sessions, read and
 * revoke their connections, fetch their tokens, list and delete them): the app's owners and
 * developers, and the platform admin. The token fast path passes this list to its SQL.
 */
export const END_USER_MANAGER_ROLES = MANAGE_ROLES;
