import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ConflictError, errorResponse, ForbiddenError, NotFoundError, RateLimitedError, toErrorBody, UnauthorizedError, ValidationError,
} from "./errors";

describe("the error envelope", () => {
  it.each([
    [new ValidationError("bad", [{ path: "name", message: "Required" }]), 422, "validation_error"],
    [new NotFoundError("Authenticator not found", "authenticator_not_found"), 404, "authenticator_not_found"],
    [new ConflictError("taken"), 409, "conflict"],
    [new UnauthorizedError(), 401, "unauthorized"],
    [new ForbiddenError(), 403, "forbidden"],
    [new RateLimitedError(), 429, "rate_limited"],
  ])("maps %s to its status and code", (error, status, code) => {
    const result = toErrorBody(error);
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(result.body.error.message).toBe(error.message);
  });

  it("reports every zod issue, not only the first", () => {
    const parsed = z.object({ name: z.string(), client_id: z.string(), scopes: z.array(z.string()) }).safeParse({ scopes: [1] });
    const { status, body } = toErrorBody(parsed.error);
    expect(status).toBe(422);
    expect(body.error.details?.map((d) => d.path).sort()).toEqual(["client_id", "name", "scopes.0"]);
  });

  it("maps Prisma's not-found and unique-violation codes", () => {
    expect(toErrorBody(Object.assign(new Error("x"), { code: "P2025" })).status).toBe(404);
    expect(toErrorBody(Object.assign(new Error("x"), { code: "P2002" })).status).toBe(409);
  });

  it("hides the internals of unknown errors behind a request id", async () => {
    const response = errorResponse(new Error("password=hunter2 at db.ts:12"), "req-123");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side", request_id: "req-123" },
    });
    expect(response.headers.get("x-request-id")).toBe("req-123");
  });

  it("sends Retry-After with rate limits", () => {
    expect(errorResponse(new RateLimitedError("slow down", 30)).headers.get("retry-after")).toBe("30");
  });

  it("answers 503 database_unavailable with Retry-After when the database cannot be reached, whatever the driver", async () => {
    const unreachable = [
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5999"), { code: "P1001" }),
      Object.assign(new Error("Raw query failed"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }),
      Object.assign(new Error("Connection terminated unexpectedly"), {}),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    ];
    for (const error of unreachable) {
      const response = errorResponse(error, "req-db");
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const body = await response.json();
      expect(body.error.code).toBe("database_unavailable");
      expect(JSON.stringify(body)).not.toContain("127.0.0.1");
    }
  });

  it("answers 422 for values PostgreSQL cannot store, as a net under input validation", () => {
    const nul = Object.assign(new Error("invalid byte sequence"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "22021" } } } });
    expect(toErrorBody(nul).status).toBe(422);
    expect(toErrorBody(Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ValueOutOfRange" } } } })).body.error.code).toBe("invalid_input");
  });
});
