import { describe, expect, it } from "vitest";
import { z } from "zod";
import { listEventsSchema } from "../../schemas/events";
import { AppError } from "../errors";
import { readPageQuery, readQuery, readSearchParams } from "./read-query";

const get = (query: string) => new Request(`http://localhost/api/x${query}`);
const schema = z.object({ app_id: z.string().max(48).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("readQuery", () => {
  it("parses the query with the schema, first value of a repeated key", () => {
    expect(readQuery(get("?app_id=a&app_id=b&limit=7"), schema)).toEqual({ app_id: "a", limit: 7 });
    expect(readQuery(get(""), schema)).toEqual({ limit: 50 });
  });

  it.each(["?app_id=a%00b", "?x=%00", "?%00=1"])("refuses NUL in any key or value (%s) with 422 invalid_characters", (query) => {
    const error = failure(() => readQuery(get(query), schema));
    expect([error.status, error.code]).toEqual([422, "invalid_characters"]);
    expect(error.details?.[0]?.path).toMatch(/^query\./);
  });

  it("answers a value the schema refuses with 422 and every issue, paths prefixed with query.", () => {
    const error = failure(() => readQuery(get("?limit=2147483648&app_id=" + "a".repeat(49)), schema));
    expect([error.status, error.code]).toEqual([422, "validation_error"]);
    expect(error.details?.map((d) => d.path).sort()).toEqual(["query.app_id", "query.limit"]);
  });

  it("treats malformed %-sequences in the query as text (URLSearchParams never throws)", () => {
    expect(readSearchParams(get("?q=%zz&r=%E0%A4%A")).get("q")).toBe("%zz");
  });
});

describe("readPageQuery", () => {
  it("keeps the fields that parse and drops those that do not", () => {
    const query = readPageQuery({ app_id: "inbox", type: "oauth.", outcome: "maybe", before: "9007199254740993", limit: ["10", "20"] }, listEventsSchema);
    expect(query).toEqual({ app_id: "inbox", type: "oauth.", outcome: undefined, before: undefined, limit: 10 });
  });

  it("drops unstorable text and empty values, falling back to defaults", () => {
    expect(readPageQuery({ app_id: "a\u0000", type: "", limit: "abc" }, listEventsSchema)).toEqual({
      app_id: undefined, type: undefined, outcome: undefined, before: undefined, limit: 50,
    });
  });
});
