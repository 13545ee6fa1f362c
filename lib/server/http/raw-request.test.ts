import { describe, expect, it } from "vitest";
import { clientErrorResponse, isDecodablePath } from "./raw-request";

describe("path-segment decoding", () => {
  it.each(["/", "/api/v1/apps/inbox", "/a%20b", "/%E2%82%AC", "/%F0%9F%98%80", "/a%2Fb", "/x?q=%zz", "/x#%"])("accepts %s", (path) => {
    expect(isDecodablePath(path)).toBe(true);
  });

  it.each([
    ["a stray %", "/api/v1/apps/%"],
    ["a bad hex pair", "/api/v1/apps/%zz"],
    ["a truncated sequence", "/api/v1/apps/%E0%A4%A"],
    ["an invalid continuation byte", "/api/v1/apps/%C3%28"],
    ["an encoded surrogate", "/api/v1/apps/%ED%A0%80"],
    ["an overlong encoding", "/api/v1/apps/%C0%AF"],
    ["a code point past U+10FFFF", "/api/v1/apps/%F4%90%80%80"],
    ["%u escapes", "/api/%u0041"],
  ])("refuses %s", (_, path) => {
    expect(isDecodablePath(path)).toBe(false);
  });
});

describe("answers to requests Node's parser refuses", () => {
  it.each([
    [undefined, 400, "malformed_request"],
    ["HPE_INVALID_URL", 400, "malformed_request"],
    ["HPE_HEADER_OVERFLOW", 431, "headers_too_large"],
  ])("%s → %i %s in the envelope", (code, status, errorCode) => {
    const raw = clientErrorResponse(code);
    const [head, body] = raw.split("\r\n\r\n");
    expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(head).toContain("content-type: application/json");
    expect(head).toContain(`content-length: ${Buffer.byteLength(body!)}`);
    expect(JSON.parse(body!)).toEqual({ error: { code: errorCode, message: expect.any(String) } });
  });
});

describe("a HEAD request Node's parser refuses", () => {
  it("gets the head of the answer only: a body would be read as the next answer", () => {
    const raw = clientErrorResponse("HPE_INVALID_URL", Buffer.from("HEAD /api/v1/proxy/ñ HTTP/1.1\r\n"));
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw.endsWith("\r\n\r\n")).toBe(true);
    expect(raw).toMatch(/content-length: \d+/);
    expect(clientErrorResponse("HPE_INVALID_URL", Buffer.from("GET /ñ HTTP/1.1\r\n")).endsWith("}")).toBe(true);
  });

  it("is recognised when the refused packet starts mid-stream (the tail of an earlier request before it)", () => {
    const packet = Buffer.from(`${"a".repeat(5000)} HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\n\r\ntrueHEAD /api/v1/proxy/^?error=% HTTP/1.1\r\nhost: x\r\n\r\n`, "latin1");
    expect(clientErrorResponse("HPE_INVALID_URL", packet).endsWith("\r\n\r\n")).toBe(true);
    const get = Buffer.from(`aaaa HTTP/1.1\r\n\r\nHEAD /x HTTP/1.1\r\n\r\nGET /ñ HTTP/1.1\r\n\r\n`, "latin1");
    expect(clientErrorResponse("HPE_INVALID_URL", get).endsWith("}")).toBe(true);
    expect(clientErrorResponse("HPE_INVALID_URL", Buffer.from("aaaa\r\n"))).toMatch(/}$/);
  });
});
