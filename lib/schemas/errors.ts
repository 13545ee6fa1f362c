import { z } from "zod";

// Client-safe: the one error envelope and every code it can carry, with the HTTP statuses each code
// is answered with. The OpenAPI document lists, per operation and status, the codes it can answer
// (lib/openapi); a Vitest test (lib/openapi/error-codes.test.ts) fails when lib/server throws a code
// that is not listed here.

export const ERROR_CODES = {
  // 400
  bad_request: { statuses: [400], description: "The request cannot be read" },
  unsupported_media_type: { statuses: [400, 415], description: "The body is not sent as the content type the route reads" },
  invalid_json: { statuses: [400], description: "The body is not valid JSON" },
  invalid_encoding: { statuses: [400], description: "The body is not valid UTF-8" },
  invalid_path: { statuses: [400], description: "The URL path is not valid percent-encoded UTF-8" },
  malformed_request: { statuses: [400], description: "The request is not valid HTTP" },
  invalid_callback_url: { statuses: [400], description: "next-auth was given a callback URL off this origin" },
  invalid_mcp_request: { statuses: [400], description: "The MCP transport refused the message" },
  // 401
  unauthorized: { statuses: [401], description: "No credentials: sign in or send an API key" },
  invalid_authorization_header: { statuses: [401], description: "Authorization is not `Bearer <token>`" },
  invalid_api_key: { statuses: [401], description: "The API key is unknown" },
  api_key_revoked: { statuses: [401], description: "The API key was revoked" },
  api_key_expired: { statuses: [401], description: "The API key has expired" },
  invalid_connect_session: { statuses: [401, 403], description: "The connect session token is unknown or not usable here" },
  connect_session_expired: { statuses: [401], description: "The connect session has expired" },
  // The hosted connect flow sends the browser back with this one (?error=), never in the envelope.
  connect_session_used_up: { statuses: [410], description: "The connect session has started all the flows it may" },
  invalid_cron_secret: { statuses: [401], description: "The cron secret is wrong" },
  invalid_credentials: { statuses: [401], description: "Wrong email or password" },
  // 403
  forbidden: { statuses: [403], description: "Not allowed" },
  insufficient_scope: { statuses: [403], description: "The API key (or connect session) lacks the scope the route needs" },
  insufficient_role: { statuses: [403], description: "The caller's role in the app does not allow this" },
  session_required: { statuses: [403], description: "Only a signed-in user may do this; API keys cannot" },
  api_key_required: { statuses: [403], description: "Only an API key may do this (the proxy, the MCP server)" },
  connect_session_not_allowed: { statuses: [403], description: "A connect session token cannot call this route" },
  connect_session_required: { statuses: [403], description: "Only a connect session token can call this route" },
  connect_session_scope: { statuses: [403], description: "A connect session acts for its own end user and authenticators only" },
  cross_origin_refused: { statuses: [403], description: "A state-changing request with the session cookie came from another origin" },
  origin_not_allowed: { statuses: [403], description: "The connect session may not be used from this origin" },
  app_restricted: { statuses: [403], description: "The API key is restricted to another app" },
  authenticator_not_allowed: { statuses: [403], description: "The connect session does not offer this authenticator" },
  cron_disabled: { statuses: [403], description: "CRON_SECRET is not set" },
  // 404
  not_found: { statuses: [404], description: "Not found" },
  route_not_found: { statuses: [404], description: "No API route matches the method and path" },
  app_not_found: { statuses: [404], description: "No such app (or the caller is not a member)" },
  authenticator_not_found: { statuses: [404], description: "No such authenticator in the caller's apps" },
  connection_not_found: { statuses: [404], description: "The user or end user has not connected this authenticator (the envelope carries connect_url when one can be made)" },
  template_not_found: { statuses: [404], description: "No such provider template" },
  end_user_not_found: { statuses: [404], description: "No such end user in the app" },
  member_not_found: { statuses: [404], description: "No such member in the app" },
  user_not_found: { statuses: [404], description: "No account with this email" },
  webhook_not_found: { statuses: [404], description: "No such webhook endpoint" },
  webhook_event_not_found: { statuses: [404], description: "No such webhook event for this endpoint" },
  api_key_not_found: { statuses: [404], description: "No such API key of the caller's" },
  // 405, 406, 408
  method_not_allowed: { statuses: [405], description: "The route does not answer this method" },
  not_acceptable: { statuses: [406], description: "The Accept header rules out every answer" },
  request_timeout: { statuses: [408], description: "The request took too long to arrive" },
  // 409
  conflict: { statuses: [409], description: "A record with these values already exists" },
  app_id_taken: { statuses: [409], description: "The app_id is in use" },
  authenticator_exists: { statuses: [409], description: "The app already has an authenticator with this name" },
  authenticator_id_taken: { statuses: [409], description: "The authenticator id named by redirect_uri is in use" },
  email_taken: { statuses: [409], description: "An account with this email exists" },
  already_member: { statuses: [409], description: "The account is already a member of the app" },
  last_owner: { statuses: [409], description: "The app's last owner cannot leave or be demoted" },
  redirect_uri_mismatch: { statuses: [409], description: "redirect_uri must keep naming this authenticator" },
  webhook_disabled: { statuses: [409], description: "The endpoint is disabled; enable it first" },
  proxy_not_configured: { statuses: [409], description: "The authenticator has no API base URL for the proxy" },
  reauthorization_required: { statuses: [409], description: "The provider no longer accepts the refresh token: the user must reconnect" },
  token_expired: { statuses: [409], description: "The access token expired and there is no refresh token" },
  admin_exists: { statuses: [409], description: "fiber admin bootstrap: the instance already has an admin (not answered over HTTP)" },
  secret_unreadable: { statuses: [409], description: "A stored secret cannot be decrypted with the configured keys" },
  // 413, 431
  payload_too_large: { statuses: [413], description: "The body is too large" },
  headers_too_large: { statuses: [431], description: "The request line or headers are too large" },
  // 422
  validation_error: { statuses: [422], description: "The input is invalid; details lists every problem" },
  invalid_characters: { statuses: [422], description: "A value holds text PostgreSQL cannot store (NUL, unpaired surrogates)" },
  invalid_input: { statuses: [422], description: "A value cannot be stored (invalid characters or out of range)" },
  invalid_proxy_path: { statuses: [422], description: "The proxied path is refused (traversal, too long, absolute URL)" },
  invalid_provider_url: { statuses: [422], description: "A provider URL is refused by the address policy" },
  missing_connection_config: { statuses: [422], description: "The template needs connection_config values" },
  invalid_redirect_uri: { statuses: [422], description: "The redirect URI is not on an allowed origin or does not end in /auth/callback/{id}" },
  no_scopes: { statuses: [422], description: "The authenticator has no scopes to ask for" },
  invalid_cursor: { statuses: [422], description: "The cursor is not one this list gave" },
  app_id_required: { statuses: [422], description: "Say which app: app_id (the caller belongs to several)" },
  confirmation_required: { statuses: [422], description: "Repeat the app_id in ?confirm=" },
  invalid_webhook_url: { statuses: [422], description: "The webhook URL is refused (scheme, address policy)" },
  missing_required_fields: { statuses: [422], description: "The registration lacks name, authenticator_type, client_id or client_secret" },
  unknown_authenticator_type: { statuses: [422], description: "authenticator_type is neither a template nor custom" },
  unknown_authenticator: { statuses: [422], description: "allowed_authenticators names an authenticator the app does not have" },
  authenticator_disabled: { statuses: [422], description: "allowed_authenticators names a disabled authenticator" },
  no_authenticators: { statuses: [422], description: "The app has no enabled authenticator to connect" },
  invalid_origin: { statuses: [422], description: "allowed_origins holds something that is not an origin the policy accepts" },
  return_to_not_allowed: { statuses: [422], description: "return_to is not on one of the allowed origins" },
  invalid_nonce: { statuses: [422], description: "nonce must be 8–128 characters of A-Z a-z 0-9 _ -" },
  // 429
  rate_limited: { statuses: [429], description: "Too many requests; Retry-After says when to try again" },
  // 5xx
  internal_error: { statuses: [500], description: "Something went wrong on our side; request_id identifies it in the logs" },
  discovery_failed: { statuses: [502], description: "The issuer's metadata could not be read" },
  provider_unavailable: { statuses: [502, 503, 504], description: "The provider did not answer, or its circuit breaker is open" },
  database_unavailable: { statuses: [503], description: "The database is not answering" },
} as const satisfies Record<string, { statuses: readonly number[]; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

export const errorDetailSchema = z
  .looseObject({
    path: z.string().optional(),
    message: z.string(),
    code: z.string().optional(),
    known_types: z.array(z.string()).optional().describe("unknown_authenticator_type: the known authenticator types"),
  })
  .meta({ id: "ErrorDetail", description: "One problem with the request: where (path), what (message) and a stable code" });
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** The envelope every /api error answers with. `code` is one of ERROR_CODES. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe("A stable, snake_case error code"),
    message: z.string().describe("What went wrong, for a person"),
    details: z.array(errorDetailSchema).optional().describe("Every problem found (validation errors)"),
    request_id: z.string().optional().describe("500 and 503: the id to find the failure in the logs"),
    connect_url: z.string().optional().describe("connection_not_found: a link the user can open to connect"),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
