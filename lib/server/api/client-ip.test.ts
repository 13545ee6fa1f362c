import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../env";
import { CLIENT_IP_HEADER, clientIp, resolveClientIp, stampClientIp, trustedProxies } from "./client-ip";

const original = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (original === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = original;
});

describe("resolveClientIp (the production rule, from the socket)", () => {
  const chain = "198.51.100.7, 203.0.113.9, 10.0.0.5"; // client-written first, nearest proxy last

  it("ignores X-Forwarded-For entirely without TRUSTED_PROXIES (or with 0)", () => {
    expect(resolveClientIp("192.0.2.1", "6.6.6.6", "")).toBe("192.0.2.1");
    expect(resolveClientIp("192.0.2.1", chain, "0")).toBe("192.0.2.1");
    expect(resolveClientIp("::ffff:192.0.2.1", chain, "")).toBe("192.0.2.1");
  });

  it("takes the Nth entry from the right with a hop count", () => {
    expect(resolveClientIp("10.0.0.1", chain, "1")).toBe("10.0.0.5");
    expect(resolveClientIp("10.0.0.1", chain, "2")).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.1", chain, "3")).toBe("198.51.100.7");
    // More hops than entries: the furthest address there is.
    expect(resolveClientIp("10.0.0.1", chain, "9")).toBe("198.51.100.7");
    expect(resolveClientIp("10.0.0.1", undefined, "1")).toBe("10.0.0.1");
  });

  it("walks from the right past trusted proxies with CIDRs, and never past an untrusted hop", () => {
    expect(resolveClientIp("10.0.0.1", chain, "10.0.0.0/8")).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.1", chain, "10.0.0.0/8, 203.0.113.0/24")).toBe("198.51.100.7");
    // The socket itself is not trusted: the header is not read at all.
    expect(resolveClientIp("192.0.2.1", chain, "10.0.0.0/8")).toBe("192.0.2.1");
    expect(resolveClientIp("127.0.0.1", "198.51.100.7", "loopback")).toBe("198.51.100.7");
    expect(resolveClientIp("::1", "2001:db8::1", "::1")).toBe("2001:db8::1");
  });

  it("falls back to the socket when the chosen entry is not an address", () => {
    expect(resolveClientIp("10.0.0.1", "unknown", "1")).toBe("10.0.0.1");
  });

  it("refuses a malformed setting with a ConfigError that names it", () => {
    expect(() => trustedProxies("10.0.0.0/99")).toThrow(ConfigError);
    expect(() => trustedProxies("proxy.example.com")).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("clientIp under next dev (no custom server: Next.js fills X-Forwarded-For only when absent)", () => {
  const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

  it("uses the address Next.js wrote, the only entry", () => {
    delete process.env.TRUSTED_PROXIES;
    expect(clientIp(headers("127.0.0.1"))).toBe("127.0.0.1");
    expect(clientIp(headers())).toBeNull();
  });

  it("applies a hop count to the forwarded chain as the proxy wrote it", () => {
    process.env.TRUSTED_PROXIES = "1";
    expect(clientIp(headers("6.6.6.6, 198.51.100.7"))).toBe("198.51.100.7");
    process.env.TRUSTED_PROXIES = "2";
    expect(clientIp(headers("6.6.6.6, 198.51.100.7, 10.0.0.5"))).toBe("198.51.100.7");
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(clientIp(headers("6.6.6.6, 198.51.100.7, 10.0.0.5"))).toBe("198.51.100.7");
  });
});

describe("the production server's stamp", () => {
  let server: Server;
  let url = "";
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      stampClientIp(req);
      seen.push(req.headers[CLIENT_IP_HEADER] as string | undefined);
      res.end(clientIp(new Headers(req.headers as Record<string, string>)) ?? "");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    // Leave the process as a server that never stamped (other tests read clientIp the dev way).
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("fiberwise.client-ip-stamped")];
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("replaces a client-sent internal header and ignores a spoofed X-Forwarded-For", async () => {
    delete process.env.TRUSTED_PROXIES;
    const body = await (await fetch(url, { headers: { [CLIENT_IP_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" } })).text();
    expect(body).toBe("127.0.0.1");
    expect(seen.at(-1)).toBe("127.0.0.1");
  });

  it("honours X-Forwarded-For as far as TRUSTED_PROXIES says", async () => {
    process.env.TRUSTED_PROXIES = "1";
    expect(await (await fetch(url, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7" } })).text()).toBe("198.51.100.7");
    process.env.TRUSTED_PROXIES = "127.0.0.0/8";
    expect(await (await fetch(url, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7" } })).text()).toBe("198.51.100.7");
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(await (await fetch(url, { headers: { "x-forwarded-for": "198.51.100.7" } })).text()).toBe("127.0.0.1");
  });
});
