import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { API_KEY_SCOPE_DESCRIPTIONS } from "../schemas/api-keys";
import { ERROR_CODES, errorBodySchema, type ErrorCode } from "../schemas/errors";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, webhookEventSchema } from "../schemas/webhooks";
import { errorsOf, type Auth, type Operation } from "./operation";
import { OPERATIONS, TAGS } from "./operations";

// The OpenAPI 3.1 document, generated from the operation list (lib/openapi/operations) and the zod
// schemas in lib/schemas by zod-openapi, which renders each schema with zod's own JSON Schema
// generator: requests as the handlers' input, responses as their output (objects closed with
// additionalProperties: false, so a field the schema does not list is a contract violation).

export type OpenApiDocument = ReturnType<typeof createDocument>;

const ERROR_BODY_REF = "#/components/schemas/ErrorBody";

const SECURITY: Record<Auth, Array<(scope: string[]) => Record<string, string[]>>> = {
  none: [],
  session: [() => ({ sessionCookie: [] })],
  user: [(s) => ({ apiKey: s }), () => ({ sessionCookie: [] })],
  connect: [(s) => ({ apiKey: s }), () => ({ sessionCookie: [] }), (s) => ({ connectSession: s })],
  api_key: [(s) => ({ apiKey: s })],
  cron: [() => ({ cronSecret: [] })],
};

const WHO: Record<Auth, string> = {
  none: "No authentication.",
  session: "A signed-in user (the session cookie); API keys are refused with session_required.",
  user: "An API key (`Authorization: Bearer fw_live_…`) or the session cookie.",
  connect: "An API key, the session cookie, or a connect session token (`Bearer fw_cs_…`, from the session's allowed origins).",
  api_key: "An API key only.",
  cron: "`Authorization: Bearer $CRON_SECRET`.",
};

/** Error codes by status, in registry order. */
function errorsByStatus(codes: ErrorCode[]): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    if (!codes.includes(code)) continue;
    for (const status of ERROR_CODES[code].statuses) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

function errorSchema(codes: ErrorCode[]) {
  return {
    allOf: [
      { $ref: ERROR_BODY_REF },
      { type: "object" as const, properties: { error: { type: "object" as const, properties: { code: { type: "string" as const, enum: codes } } } } },
    ],
  };
}

function errorResponse(status: number, codes: ErrorCode[]): ZodOpenApiResponseObject {
  return {
    description: `${STATUS_CODES[status]}: ${codes.map((c) => `\`${c}\``).join(", ")}`,
    content: {
      "application/json": {
        schema: errorSchema(codes),
        example: { error: { code: codes[0], message: ERROR_CODES[codes[0]!].description } },
      },
    },
  };
}

function response(op: Operation, status: number | "default"): ZodOpenApiResponseObject {
  const spec = op.responses[status]!;
  const contentType = spec.contentType ?? "application/json";
  const content = spec.schema
    ? { [contentType]: { schema: spec.schema, ...(spec.example === undefined ? {} : { example: spec.example }) } }
    : spec.contentType
      ? { [contentType]: { schema: spec.contentType === "text/html" ? { type: "string" as const } : {} } }
      : undefined;
  return { description: spec.description, ...(spec.headers ? { headers: spec.headers } : {}), ...(content ? { content } : {}) };
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const scopes = op.scope ? [op.scope] : [];
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const status of Object.keys(op.responses)) responses[status] = response(op, status === "default" ? "default" : Number(status));
  for (const [status, codes] of errorsByStatus(errorsOf(op))) {
    const own = op.responses[Number(status)];
    // A status the route also answers with its own body (GET /api/health's 503): either body.
    if (own?.schema) {
      const envelope = errorBodySchema.extend({ error: errorBodySchema.shape.error.extend({ code: z.enum(codes) }) });
      responses[status] = { description: `${own.description}; or ${errorResponse(status, codes).description}`, content: { "application/json": { schema: z.union([own.schema, envelope]) } } };
    } else responses[status] = errorResponse(status, codes);
  }
  const scopeLine = op.scope ? `\n\n**Scope:** \`${op.scope}\` (${API_KEY_SCOPE_DESCRIPTIONS[op.scope]}); a session holds every scope.` : "";
  const body = op.body
    ? {
        required: op.body.required ?? true,
        content: {
          [op.body.contentType ?? "application/json"]: {
            schema: op.body.schema,
            ...(op.body.examples ? { examples: op.body.examples } : {}),
          },
        },
      }
    : undefined;
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description ? `${op.description}\n\n` : ""}**Auth:** ${WHO[op.auth]}${scopeLine}`,
    tags: [op.tag],
    security: SECURITY[op.auth].map((entry) => entry(scopes)),
    ...(op.scope ? { "x-fiberwise-scopes": [op.scope] } : {}),
    ...(op.params ? { requestParams: op.params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

const DESCRIPTION = `The FiberWise REST API: register OAuth authenticators for your apps, let users and your app's end users connect their accounts, and hand your apps and agents valid tokens — or call the providers' APIs through the proxy and the MCP server without ever holding one.

Generated from the zod schemas the route handlers parse and answer with (lib/schemas); the contract test (e2e/api/contract.spec.ts) calls every operation against a running server and validates each answer against this document.

**Conventions.** JSON in and out, snake_case, as the spec writes it. Times are ISO 8601 strings in UTC.

**Authentication.** An API key (\`Authorization: Bearer fw_live_…\`, minted under API keys in the web UI) carries scopes and may be restricted to one app; the session cookie of a signed-in user holds every scope. A connect session token (\`fw_cs_…\`, from POST /api/v1/connect/sessions) lets an app's frontend list and disconnect its end user's accounts, cross-origin. The cron routes take \`CRON_SECRET\`.

**Errors.** Every error is \`{"error": {"code", "message", "details"?, "request_id"?, "connect_url"?}}\` with a stable snake_case code; each operation lists the codes it can answer, by status. 422 validation errors list every problem in \`details\`. 429 answers carry Retry-After; an API key's answers carry RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset. Any request may also be answered 400 \`invalid_path\` or \`malformed_request\`, 404 \`route_not_found\`, 408 \`request_timeout\` or 431 \`headers_too_large\` by the server itself.

**Not described here:** next-auth's own routes (\`/api/auth/*\`: CSRF token, credentials sign-in, session, sign-out), which the web UI uses.`;

// What the platform sends to an app's webhook endpoints: one POST per event, signed (Standard Webhooks).
const WEBHOOK_HEADERS = z.object({
  "webhook-id": z.string().describe("The event's id (msg_…), the same on every retry: deduplicate on it"),
  "webhook-timestamp": z.string().describe("Unix seconds when this attempt was signed"),
  "webhook-signature": z.string().describe("v1,<base64 HMAC-SHA256 of id.timestamp.body> with the endpoint's secret (two, space-separated, during a rotation)"),
});

function webhookEvents(): Record<string, { post: ZodOpenApiOperationObject }> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `event-${type}`,
          summary: type,
          description: `${WEBHOOK_EVENT_DESCRIPTIONS[type]}. Answer 2xx within 10 s; anything else is retried with backoff for 24 hours, and 410 disables the endpoint.`,
          tags: ["Webhooks"],
          // Sent by the platform, not called: the receiver checks the signature headers.
          security: [],
          requestParams: { header: WEBHOOK_HEADERS },
          requestBody: { required: true, content: { "application/json": { schema: webhookEventSchema(type) } } },
          responses: { "2XX": { description: "Received" } },
        },
      },
    ]),
  );
}

export function buildOpenApiDocument({ serverUrl }: { serverUrl?: string } = {}): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  return createDocument({
    openapi: "3.1.0",
    info: { title: "FiberWise API", version: "1.0.0", description: DESCRIPTION, license: { name: "Apache-2.0", identifier: "Apache-2.0" } },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: TAGS,
    paths,
    webhooks: webhookEvents(),
    components: {
      schemas: { ErrorBody: errorBodySchema },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "fw_live_…", description: "An API key. Its scopes are listed per operation (x-fiberwise-scopes)." },
        sessionCookie: {
          type: "apiKey", in: "cookie", name: "next-auth.session-token",
          description: "The web UI's session (`__Secure-next-auth.session-token` over HTTPS). State-changing requests must come from the platform's own origin.",
        },
        connectSession: { type: "http", scheme: "bearer", bearerFormat: "fw_cs_…", description: "A connect session token, acting for one end user of one app." },
        cronSecret: { type: "http", scheme: "bearer", description: "CRON_SECRET, for the cron routes." },
      },
    },
  });
}
