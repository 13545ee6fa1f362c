import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readPathParams } from "./path-params";

function refusal(raw: Record<string, string | string[]>): string {
  try {
    readPathParams(raw);
  } catch (error) {
    if (error instanceof AppError) return `${error.status}:${error.code}`;
    throw error;
  }
  return "ok";
}

describe("path params", () => {
  it("passes valid ids through, numbers as numbers", () => {
    expect(readPathParams({ appId: "inbox-zero", authenticatorId: "google", userId: "42", keyId: "6f1c1b9e-8d7a-4c55-9d2f-1e0b7a3c5d10" })).toEqual({
      appId: "inbox-zero", authenticatorId: "google", userId: 42, keyId: "6f1c1b9e-8d7a-4c55-9d2f-1e0b7a3c5d10",
    });
    expect(readPathParams({ path: ["v2", "things"] })).toEqual({ path: ["v2", "things"] });
  });

  it.each([
    [{ appId: "a\u0000b" }, "404:app_not_found"],
    [{ appId: " inbox" }, "404:app_not_found"],
    [{ authenticatorId: "Google" }, "404:authenticator_not_found"],
    [{ authenticatorId: "x".repeat(65) }, "404:authenticator_not_found"],
    [{ keyId: "1" }, "404:api_key_not_found"],
    [{ type: "../x" }, "404:template_not_found"],
    [{ webhookId: "wh_123" }, "404:webhook_not_found"],
    [{ webhookId: `WH_${"a".repeat(32)}` }, "404:webhook_not_found"],
    [{ webhookId: `wh_${"a".repeat(32)}\u0000` }, "404:webhook_not_found"],
    [{ userId: "2147483648" }, "422:validation_error"],
    [{ userId: "-1" }, "422:validation_error"],
    [{ userId: "1.5" }, "422:validation_error"],
    [{ userId: "abc" }, "422:validation_error"],
    [{ path: ["ok", "a\ud800"] }, "404:not_found"],
    [{ somethingNew: "\u0000" }, "404:not_found"],
  ])("refuses %j with %s", (raw, expected) => {
    expect(refusal(raw)).toBe(expected);
  });

  it("accepts the largest PostgreSQL integer id", () => {
    expect(readPathParams({ userId: "2147483647" })).toEqual({ userId: 2147483647 });
  });
});
