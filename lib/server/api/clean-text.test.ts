import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { assertStorableText, isStorableText, unstorableTextPaths } from "./clean-text";

describe("storable text", () => {
  it.each(["", "plain", "émoji 😀", "\udbff\udfff", "tab\tnewline\n", "\u2028"])("accepts %j", (value) => {
    expect(isStorableText(value)).toBe(true);
  });

  it.each(["\u0000", "a\u0000b", "\ud800", "x\udc00y", "\udfff\ud800", "😀".slice(0, 1)])("refuses %j", (value) => {
    expect(isStorableText(value)).toBe(false);
  });

  it("names every offending key and value by its path, nested in objects and arrays", () => {
    const body = { name: "ok", scopes: ["a", "b\u0000"], configuration: { token_params: { "k\ud800": "v", fine: "\udc00" } } };
    expect(unstorableTextPaths(body)).toEqual(["configuration.token_params.fine", "configuration.token_params.k\ud800", "scopes.1"]);
  });

  it("throws a 422 invalid_characters with the paths in details", () => {
    try {
      assertStorableText({ name: "a\u0000" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect([e.status, e.code]).toEqual([422, "invalid_characters"]);
      expect(e.details).toEqual([expect.objectContaining({ path: "name", code: "invalid_characters" })]);
    }
  });

  it("walks a very deep value without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(20_000)}"\\u0000"${"]".repeat(20_000)}`) as unknown;
    expect(unstorableTextPaths(deep)).toHaveLength(1);
  });
});
