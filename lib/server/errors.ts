import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import type { ErrorBody, ErrorCode, ErrorDetail } from "../schemas/errors";
import { classifyDbError } from "./db/db-errors";
import { logger } from "./logger";

export type { ErrorBody, ErrorCode, ErrorDetail };

/** The one error family. Every API route answers with { error: { code, message, details? } }. */
export class AppError extends Error {
  /** Response headers that belong to this answer (Retry-After, RateLimit-*), set by the error that knows them. */
  headers: Record<string, string> = {};
  /** Set by errors an operator must hear about: logged once (warn) when the error is answered. Never a secret. */
  log?: Record<string, unknown>;
  /** Fields that belong in the envelope beside code and message (connect_url). Never a secret. */
  extra: Partial<Pick<ErrorBody["error"], "connect_url">> = {};

  constructor(
    readonly status: number,
    /** One of lib/schemas/errors.ts's codes: a new code is added there first (and so to the API reference). */
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Ask the client to wait: Retry-After in whole seconds (at least 1). */
  retryAfter(seconds: number | undefined): this {
    if (seconds !== undefined && Number.isFinite(seconds)) this.headers["retry-after"] = String(Math.max(1, Math.ceil(seconds)));
    return this;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetail[], code: ErrorCode = "validation_error") {
    super(422, code, message, details);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, code: ErrorCode = "bad_request", details?: ErrorDetail[]) {
    super(400, code, message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required", code: ErrorCode = "unauthorized") {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this", code: ErrorCode = "forbidden") {
    super(403, code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(message: string, code: ErrorCode = "not_found") {
    super(404, code, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, code: ErrorCode = "conflict", details?: ErrorDetail[]) {
    super(409, code, message, details);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, "payload_too_large", message);
  }
}
export class RateLimitedError extends AppError {
  constructor(
    message = "Too many requests, try again later",
    readonly retryAfterSeconds?: number,
  ) {
    super(429, "rate_limited", message);
    this.retryAfter(retryAfterSeconds);
  }
}
export class UpstreamError extends AppError {
  constructor(message: string, code: ErrorCode = "provider_unavailable") {
    super(502, code, message);
  }
}

export function zodIssues(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
    code: issue.code,
  }));
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === "string" && /^P\d{4}$/.test(code)) return code;
  }
  return undefined;
}

/** Map any thrown value to an HTTP status and the error envelope. Unknown errors leak nothing. */
export function toErrorBody(error: unknown, requestId: string = randomUUID()): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    if (error.log) logger.warn({ ...error.log, code: error.code, requestId }, error.message);
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...error.extra } };
    if (error.details?.length) body.error.details = error.details;
    return { status: error.status, body };
  }
  if (error instanceof ZodError) {
    return {
      status: 422,
      body: { error: { code: "validation_error", message: "The request is invalid", details: zodIssues(error) } },
    };
  }
  const failure = classifyDbError(error);
  if (failure === "unavailable") {
    logger.error({ requestId, err: describeDbError(error) }, "database unavailable");
    return { status: 503, body: { error: { code: "database_unavailable", message: "The database is not answering; try again shortly", request_id: requestId } } };
  }
  if (failure === "invalid_input") {
    return { status: 422, body: { error: { code: "invalid_input", message: "A value in the request cannot be stored (invalid characters or out of range)" } } };
  }
  const code = prismaCode(error);
  if (code === "P2025") return { status: 404, body: { error: { code: "not_found", message: "Not found" } } };
  if (code === "P2002") {
    return { status: 409, body: { error: { code: "conflict", message: "A record with these values already exists" } } };
  }
  logger.error({ err: error, requestId }, "unhandled error");
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on our side", request_id: requestId } },
  };
}

// The database's own message only (never the error object: driver errors carry pool and client objects).
function describeDbError(error: unknown): string {
  return error instanceof Error ? error.message.split("\n").filter(Boolean).slice(-1)[0]!.slice(0, 300) : String(error).slice(0, 300);
}

export function errorResponse(error: unknown, requestId?: string): Response {
  const { status, body } = toErrorBody(error, requestId);
  const headers: Record<string, string> = error instanceof AppError ? { ...error.headers } : {};
  if (body.error.code === "database_unavailable") headers["retry-after"] = "5";
  if (requestId) headers["x-request-id"] = requestId;
  return Response.json(body, { status, headers });
}
