import { afterEach, describe, expect, it } from "vitest";
import { classifyAddress } from "./address-policy";
import { checkProviderUrl } from "./check-provider-url";
import { BlockedAddressError, safeFetch } from "./safe-fetch";

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
  it.each([
    ["127.0.0.1", "loopback"], ["::1", "loopback"], ["10.1.2.3", "private"], ["172.20.0.1", "private"], ["192.168.1.1", "private"],
    ["100.64.0.1", "private"], ["fd12::1", "private"], ["169.254.169.254", "metadata"], ["169.254.170.2", "metadata"],
    ["fd00:ec2::254", "metadata"], ["169.254.1.1", "link_local"], ["fe80::1", "link_local"], ["0.0.0.0", "reserved"],
    ["::", "reserved"], ["224.0.0.1", "reserved"], ["::ffff:10.0.0.1", "private"], ["::ffff:169.254.169.254", "metadata"],
    ["8.8.8.8", "public"], ["2606:4700::1111", "public"],
  ])("classifies %s as %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

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

  it("refuses at connect time to reach a blocked address, whatever name it was given by", async () => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    await expect(safeFetch("http://localhost:9/x")).rejects.toThrow();
    await expect(safeFetch("http://127.0.0.1:9/x")).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(safeFetch("http://169.254.169.254/latest")).rejects.toBeInstanceOf(BlockedAddressError);
  });
});
