import { describe, expect, it } from "vitest";
import { sameOrigin } from "./with-api-auth";

// APP_URL is http://localhost:3000 in tests (lib/testing/setup.ts).
const post = (url: string, headers: Record<string, string>) => new Request(url, { method: "POST", headers });

describe("the CSRF origin rule", () => {
  it("accepts exactly APP_URL's origin, whatever Host says", () => {
    expect(sameOrigin(post("http://localhost:3000/api/v1/apps", { origin: "http://localhost:3000" }))).toBe(true);
    expect(sameOrigin(post("http://127.0.0.1:3000/api/v1/apps", { origin: "http://localhost:3000", host: "127.0.0.1:3000" }))).toBe(true);
  });

  it.each([
    ["an Origin equal to the request's Host", post("http://127.0.0.1:3000/api/v1/apps", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })],
    ["an Origin equal to X-Forwarded-Host", post("http://localhost:3000/api/v1/apps", { origin: "https://evil.example", "x-forwarded-host": "evil.example" })],
    ["another scheme", post("http://localhost:3000/api/v1/apps", { origin: "https://localhost:3000" })],
    ["another port", post("http://localhost:3000/api/v1/apps", { origin: "http://localhost:3001" })],
    ["a null Origin", post("http://localhost:3000/api/v1/apps", { origin: "null" })],
    ["no Origin", post("http://localhost:3000/api/v1/apps", {})],
  ])("refuses %s", (_, req) => {
    expect(sameOrigin(req)).toBe(false);
  });
});
