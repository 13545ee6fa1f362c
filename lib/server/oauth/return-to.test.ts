import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

const ORIGIN = "https://fiberwise.example.com";
const FALLBACK = "/settings/oauth-authenticators?tab=connections";

describe("return_to", () => {
  it.each(["/settings", "/dashboard?x=1#top", "/apps/a%20b"])("keeps the same-origin path %s", (value) => {
    expect(safeReturnTo(value, ORIGIN)).toBe(value);
  });

  it.each([
    "//evil.com", "https://evil.com", "http://fiberwise.example.com.evil.com/", "/\\evil.com", "\\\\evil.com", "javascript:alert(1)",
    "/%2F%2Fevil.com", "%2F%2Fevil.com", "/%5Cevil.com", "/%252F%252Fevil.com", "/\t/evil.com", "/\n/evil.com", "/javascript:alert(1)",
    "evil.com", "", "/%E0%A4%A", "/" + "a".repeat(3000), "/%2Fjavascript:alert(1)",
  ])("refuses %j", (value) => {
    expect(safeReturnTo(value, ORIGIN)).toBe(FALLBACK);
  });
});
