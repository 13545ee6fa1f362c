import { afterEach, describe, expect, it } from "vitest";
import { checkProviderUrl } from "./check-provider-url";

const original = process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
afterEach(() => {
  if (original === undefined) delete process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
  else process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = original;
});

const reasonOf = async (url: string) => {
  const result = await checkProviderUrl(url);
  return result.ok ? "ok" : result.reason;
};

describe("provider URL policy", () => {
  it("accepts https provider URLs whose host cannot be resolved now, with a warning", async () => {
    const result = await checkProviderUrl("https://accounts.google.com/o/oauth2/v2/auth");
    expect(result.ok).toBe(true);
  });

  it.each([
    ["http://accounts.google.com/o/oauth2/v2/auth", "must use https"],
    ["/relative/path", "must be an absolute URL"],
    ["https://user:pass@example.com/token", "must not contain credentials"],
    ["https://169.254.169.254/latest/meta-data", "cloud metadata"],
    ["https://[::ffff:169.254.169.254]/x", "cloud metadata"],
    ["https://10.0.0.5/token", "private network"],
    ["https://[fe80::1]/token", "link-local"],
    ["https://metadata.google.internal/computeMetadata/v1/", "cloud metadata"],
    ["ftp://example.com/token", "must use https"],
    ["javascript:alert(1)", "must use https"],
  ])("refuses %s", async (url, reason) => {
    expect(await reasonOf(url)).toContain(reason);
  });

  it("allows http and loopback providers only when OAUTH_ALLOW_LOOPBACK_PROVIDERS is on", async () => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "true";
    expect(await reasonOf("http://127.0.0.1:4000/token")).toBe("ok");
    expect(await reasonOf("http://localhost:4000/token")).toBe("ok");
    expect(await reasonOf("http://10.0.0.1/token")).toContain("https");
    expect(await reasonOf("https://169.254.169.254/")).toContain("metadata");
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    expect(await reasonOf("http://127.0.0.1:4000/token")).toBe("must use https");
    expect(await reasonOf("https://127.0.0.1:4000/token")).toContain("loopback");
    expect(await reasonOf("https://localhost/token")).toContain("loopback");
  });

  // The WHATWG URL parser turns every IPv4 spelling into dotted decimal (and IPv6 into its canonical
  // form) before the policy sees the host, so none of these slips past as a "name".
  it.each([
    ["https://2130706433/token", "loopback"], ["https://0x7f.1/token", "loopback"], ["https://127.1/token", "loopback"],
    ["https://0177.0.0.1/token", "loopback"], ["https://0x7f000001/token", "loopback"], ["https://127.0.0.1./token", "loopback"],
    ["https://0xa9.0xfe.0xa9.0xfe/latest", "cloud metadata"], ["https://2852039166/latest", "cloud metadata"],
    ["https://012.0.0.1/token", "private network"],
  ])("normalises the IPv4 spelling %s and refuses it (%s)", async (url, reason) => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    expect(await reasonOf(url)).toContain(reason);
  });

  it.each([
    ["https://[64:ff9b::169.254.169.254]/latest", "cloud metadata"], ["https://[64:ff9b::a9fe:a9fe]/latest", "cloud metadata"],
    ["https://[64:ff9b:1::a00:1]/token", "private network"], ["https://[2002:a9fe:a9fe::]/latest", "cloud metadata"],
    ["https://[2002:7f00:1::]/token", "loopback"], ["https://[::10.0.0.1]/token", "private network"],
    ["https://[::7f00:1]/token", "loopback"], ["https://[::ffff:0:a00:1]/token", "private network"],
    ["https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/token", "reserved"],
  ])("refuses %s, an IPv6 literal carrying an internal IPv4 address (%s)", async (url, reason) => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    expect(await reasonOf(url)).toContain(reason);
  });

  it.each([
    ["https://metadata.google.internal./computeMetadata/v1/", "cloud metadata"],
    ["https://METADATA.GOOGLE.INTERNAL../computeMetadata/v1/", "cloud metadata"],
    ["https://metadata./latest", "cloud metadata"],
    ["https://metadata%2egoogle%2einternal/computeMetadata/v1/", "cloud metadata"],
    ["https://localhost./token", "loopback"],
    ["https://LOCALHOST../token", "loopback"],
    ["https://idp.localhost./token", "loopback"],
  ])("refuses %s like the name without trailing dots (%s)", async (url, reason) => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    expect(await reasonOf(url)).toContain(reason);
  });

  it("treats localhost. as localhost when loopback providers are allowed, http included", async () => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "true";
    expect(await reasonOf("http://localhost.:4000/token")).toBe("ok");
    expect(await reasonOf("http://LOCALHOST..:4000/token")).toBe("ok");
    expect(await reasonOf("http://metadata.google.internal./")).toContain("cloud metadata");
  });
});
