import type { z } from "zod";
import type { ApiKeyScope } from "../schemas/api-keys";
import type { ErrorCode } from "../schemas/errors";

// One API operation as the reference describes it: who may call it, what it reads and what it can
// answer. lib/openapi/operations/* list them, domain by domain, from the lib/schemas schemas the
// route handlers parse and answer with; build-document.ts turns them into OpenAPI 3.1.

/**
 * Who may call:
 * - none: anyone
 * - session: a signed-in user (the session cookie) only; API keys are refused (session_required)
 * - user: an API key or the session cookie
 * - connect: an API key, the session cookie, or a connect session token (fw_cs_…, cross-origin from the session's origins)
 * - api_key: an API key only (api_key_required otherwise)
 * - cron: Authorization: Bearer $CRON_SECRET
 */
export type Auth = "none" | "session" | "user" | "connect" | "api_key" | "cron";

export type Method = "get" | "head" | "post" | "put" | "patch" | "delete" | "options";

export type ResponseSpec = {
  description: string;
  /** The JSON body's schema; absent for an empty body. */
  schema?: z.ZodType;
  /** Content type of a non-JSON body (text/html, or * / * for the proxy's free-form answer). */
  contentType?: string;
  headers?: z.ZodObject;
  example?: unknown;
};

export type Operation = {
  method: Method;
  /** The OpenAPI path, parameters in snake_case: /api/v1/apps/{app_id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  /** The API key scope the route requires (sessions hold every scope). */
  scope?: ApiKeyScope;
  params?: { path?: z.ZodObject; query?: z.ZodObject; header?: z.ZodObject };
  body?: { schema: z.ZodType; contentType?: string; examples?: Record<string, { summary: string; value: unknown }>; required?: boolean };
  /** Success (and other non-error) answers by status; `default` for a free-form answer (the proxy). */
  responses: Partial<Record<number | "default", ResponseSpec>>;
  /** Codes this operation answers besides the ones implied by its auth, body, query and path (added by `errorsOf`). */
  errors?: ErrorCode[];
  /** Pages outside the API wrapper (the hosted connect flow): they answer bad input with a page or a redirect, not the envelope. */
  lenient?: boolean;
};

/** The path parameters' own refusals, by name (lib/server/api/path-params.ts answers these before the route runs). */
const PATH_PARAM_ERRORS: Record<string, ErrorCode[]> = {
  app_id: ["app_not_found"],
  authenticator_id: ["authenticator_not_found"],
  end_user_id: ["end_user_not_found"],
  key_id: ["api_key_not_found"],
  type: ["template_not_found"],
  webhook_id: ["webhook_not_found"],
  user_id: ["validation_error"],
  path: ["invalid_proxy_path"],
};

const AUTHENTICATED: ErrorCode[] = ["unauthorized", "invalid_authorization_header", "invalid_api_key", "api_key_revoked", "api_key_expired", "rate_limited"];

/** Every code an operation can answer: its own, and those its auth, body, query and path imply. */
export function errorsOf(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(["internal_error", "database_unavailable"]);
  const add = (...more: ErrorCode[]) => more.forEach((c) => codes.add(c));
  if (op.lenient) return [...codes, ...(op.errors ?? [])];
  if (op.auth === "cron") add("invalid_cron_secret", "cron_disabled", "rate_limited");
  else if (op.auth !== "none") {
    add(...AUTHENTICATED);
    if (op.auth !== "connect") add("connect_session_not_allowed");
    else add("invalid_connect_session", "connect_session_expired", "origin_not_allowed", "connect_session_scope");
    if (op.auth === "session") add("session_required");
    if (op.auth === "api_key") add("api_key_required");
    if (op.scope) add("insufficient_scope");
    // A state-changing request with the session cookie must come from our own pages.
    if (op.auth !== "api_key" && !["get", "head", "options"].includes(op.method)) add("cross_origin_refused");
  }
  if (op.body) add("unsupported_media_type", "invalid_json", "invalid_encoding", "payload_too_large", "validation_error", "invalid_characters", "invalid_input");
  if (op.params?.query) add("validation_error", "invalid_characters");
  if (op.params?.header) add("validation_error");
  for (const name of Object.keys(op.params?.path?.shape ?? {})) add(...(PATH_PARAM_ERRORS[name] ?? ["not_found"]));
  add(...(op.errors ?? []));
  return [...codes];
}
