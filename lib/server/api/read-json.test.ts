import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { MAX_JSON_BODY_BYTES, readJson } from "./read-json";

const schema = z.strictObject({ name: z.string().min(1), scopes: z.array(z.string()) });
const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/x", { method: "POST", body, headers });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.status}:${error.code}`;
    throw error;
  }
  return "ok";
}

describe("readJson", () => {
  it("parses a valid body", async () => {
    await expect(readJson(post(JSON.stringify({ name: "Google", scopes: ["email"] })), schema)).resolves.toEqual({
      name: "Google",
      scopes: ["email"],
    });
  });

  it.each([
    ['{"name":"a\\u0000b","scopes":[]}', "name"],
    ['{"name":"ok","scopes":["\\ud800"]}', "scopes.0"],
    ['{"name":"ok","scopes":[],"\\udc00":1}', "\udc00"],
  ])("refuses NUL and unpaired surrogates (%s) with 422 invalid_characters naming the field", async (text, path) => {
    try {
      await readJson(post(text), z.object({ name: z.string(), scopes: z.array(z.string()) }));
      expect.unreachable();
    } catch (error) {
      expect([(error as AppError).status, (error as AppError).code]).toEqual([422, "invalid_characters"]);
      expect((error as AppError).details?.map((d) => d.path)).toEqual([path]);
    }
  });

  it("refuses a body that is not valid UTF-8", async () => {
    expect(await codeOf(readJson(post(new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])), schema))).toBe("400:invalid_encoding");
  });

  it("refuses a body that is not JSON", async () => {
    expect(await codeOf(readJson(post("{name:"), schema))).toBe("400:invalid_json");
  });

  it("refuses a body sent without a JSON content type", async () => {
    expect(await codeOf(readJson(post("{}", { "content-type": "text/plain" }), schema))).toBe("400:unsupported_media_type");
  });

  it("refuses wrong types and unknown fields with every issue listed", async () => {
    try {
      await readJson(post(JSON.stringify({ name: 3, scopes: "x", extra: true })), schema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const details = (error as AppError).details ?? [];
      expect(details.map((d) => d.path).sort()).toEqual(["", "name", "scopes"]);
    }
  });

  it("refuses a body over 1 MiB even when Content-Length is absent", async () => {
    const big = JSON.stringify({ name: "x".repeat(MAX_JSON_BODY_BYTES), scopes: [] });
    const stream = new Blob([big]).stream();
    const req = new Request("http://localhost/api/x", {
      method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half",
    } as RequestInit);
    expect(await codeOf(readJson(req, schema))).toBe("413:payload_too_large");
    expect(await codeOf(readJson(post(big, { "content-type": "application/json", "content-length": String(big.length) }), schema)))
      .toBe("413:payload_too_large");
  });
});
