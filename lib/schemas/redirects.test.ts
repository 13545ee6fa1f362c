import { describe, expect, it } from "vitest";
import { safeLocalPath } from "./redirects";

const ORIGIN = "https://fiberwise.example.com";
const FALLBACK = "/";

describe("the safe same-origin path rule", () => {
  it.each([
    ["/apps", "/apps"],
    ["/settings/oauth-authenticators?tab=connections#top", "/settings/oauth-authenticators?tab=connections#top"],
    ["/apps/a%20b", "/apps/a%20b"],
    ["/signin?callbackUrl=%2Fapps", "/signin?callbackUrl=%2Fapps"],
    [`${ORIGIN}/apps?x=1`, "/apps?x=1"],
    ["/caf\u00e9", "/caf%C3%A9"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeLocalPath(value, ORIGIN, FALLBACK)).toBe(expected);
  });

  it.each([
    "/%2F%09%2Fevil.com", "/\t/evil.com", "/\n/evil.com", "/\r/evil.com", "/%09/evil.com", "/%0A/evil.com", "/\u0000", "/%00",
    "//evil.com", "/\\evil.com", "\\\\evil.com", "/%5Cevil.com", "/%5C%5Cevil.com", "/%2F%2Fevil.com", "%2F%2Fevil.com", "/%252F%252Fevil.com",
    "/%25252F%25252Fevil.com", "/./%2Fevil.com", "/.//evil.com", "https://evil.com", "http://fiberwise.example.com.evil.com/", "https://user@fiberwise.example.com/",
    "http://fiberwise.example.com/", "javascript:alert(1)", "/javascript:alert(1)", "/%2Fjavascript:alert(1)", "evil.com", "", "/%E0%A4%A", "/%",
    "/signin?callbackUrl=%2F%09%2Fevil.com", "/" + "a".repeat(3000),
  ])("refuses %j", (value) => {
    expect(safeLocalPath(value, ORIGIN, FALLBACK)).toBe(FALLBACK);
  });

  it("returns only printable ASCII, so the result is safe in a Location header", () => {
    for (const value of ["/é?q=ü#ß", "/a b", "/\u2028", "/😀"]) expect(safeLocalPath(value, ORIGIN, FALLBACK)).toMatch(/^[\x21-\x7e]+$/);
  });
});
