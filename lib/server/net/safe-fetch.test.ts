import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startLoopbackServer, streamBody } from "../../testing/loopback-server";
import { classifyAddress } from "./address-policy";
import { BlockedAddressError, guardedLookup, MAX_RESPONSE_BYTES, ResponseTooLargeError, safeFetch } from "./safe-fetch";

const MiB = 1024 * 1024;
const original = process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
const allowLoopback = (on: boolean) => (process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = on ? "true" : "false");
afterEach(() => {
  if (original === undefined) delete process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS;
  else process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = original;
});

const bomb = gzipSync(Buffer.alloc(64 * MiB));
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer(async (req, res, stats) => {
    const path = new URL(req.url!, "http://x").pathname;
    if (path === "/ok") return void res.writeHead(200, { "content-type": "text/plain", "x-seen": "1" }).end("hello");
    if (path === "/redirect") return void res.writeHead(302, { location: "/ok" }).end();
    if (path === "/empty") return void res.writeHead(204).end();
    if (path.startsWith("/bytes/")) return void res.writeHead(200).end(Buffer.alloc(Number(path.slice(7)), "b"));
    if (path === "/stream") {
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no Content-Length
      return streamBody(res, stats, 64 * MiB);
    }
    if (path === "/declared") {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(64 * MiB) });
      return streamBody(res, stats, 64 * MiB);
    }
    if (path === "/gzip-bomb") {
      // Content-Length is honest about the wire (about 64 KiB) and says nothing of the 64 MiB inside.
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.length) });
      stats.bodyBytesSent += bomb.length;
      return void res.end(bomb);
    }
    res.writeHead(404).end();
  });
});
afterAll(() => server.close());
beforeEach(() => {
  Object.assign(server.stats, { connections: 0, closed: 0, requests: [], bodyBytesSent: 0 });
});

describe("safeFetch address policy", () => {
  it("refuses odd IPv4 spellings of loopback before connecting, and reaches the server by them when loopback is allowed", async () => {
    const spellings = ["2130706433", "0x7f.1", "127.1", "0177.0.0.1", "0x7f000001", "127.0.0.1."];
    allowLoopback(false);
    for (const host of spellings) {
      await expect(safeFetch(`http://${host}:${server.port}/ok`)).rejects.toBeInstanceOf(BlockedAddressError);
    }
    expect(server.stats.connections).toBe(0);
    allowLoopback(true);
    for (const host of spellings) expect((await safeFetch(`http://${host}:${server.port}/ok`)).status).toBe(200);
    expect(server.stats.requests).toHaveLength(spellings.length);
  });

  it.each([
    "http://localhost.:PORT/ok", "http://LOCALHOST..:PORT/ok", "http://localhost:PORT/ok", "http://app.localhost.:PORT/ok",
  ])("refuses the loopback name in %s before connecting", async (url) => {
    allowLoopback(false);
    await expect(safeFetch(url.replace("PORT", String(server.port)))).rejects.toThrow(/loopback/);
    expect(server.stats.connections).toBe(0);
  });

  it.each([
    "http://metadata.google.internal./computeMetadata/v1/", "http://METADATA.GOOGLE.INTERNAL../computeMetadata/v1/",
    "http://metadata/latest", "http://instance-data./latest",
  ])("refuses the metadata name in %s by name, before any DNS lookup", async (url) => {
    allowLoopback(true);
    await expect(safeFetch(url)).rejects.toThrow(BlockedAddressError);
    await expect(safeFetch(url)).rejects.toThrow(/cloud metadata/);
  });

  it.each([
    "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b:1::a00:1", "2002:a9fe:a9fe::", "2002:7f00:1::", "::7f00:1", "::10.0.0.1",
    "::ffff:0:a9fe:a9fe", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
  ])("refuses the IPv6 literal [%s], which carries an internal IPv4 address, before connecting", async (address) => {
    // Guard: were the policy to call this address public, the fetch below would leave the machine.
    expect(classifyAddress(address)).not.toBe("public");
    allowLoopback(false);
    await expect(safeFetch(`http://[${address}]:${server.port}/ok`)).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it("checks the addresses a name resolves to at connect time, whatever the spelling getaddrinfo accepts", async () => {
    const resolve = (host: string) =>
      new Promise<{ error: Error | null; addresses: unknown }>((done) => guardedLookup(host, { all: true }, (error, addresses) => done({ error, addresses })));
    allowLoopback(false);
    for (const host of ["2130706433", "0x7f.1", "127.1", "0177.0.0.1", "localhost", "localhost."]) {
      expect((await resolve(host)).error, host).toBeInstanceOf(BlockedAddressError);
    }
    allowLoopback(true);
    for (const host of ["2130706433", "0x7f.1", "127.1", "0177.0.0.1"]) {
      expect(await resolve(host)).toEqual({ error: null, addresses: [{ address: "127.0.0.1", family: 4 }] });
    }
    expect((await resolve("metadata.google.internal.")).error).toBeInstanceOf(BlockedAddressError);
  });
});

describe("safeFetch responses", () => {
  beforeEach(() => allowLoopback(true));

  it("returns status and headers as they came and follows no redirect", async () => {
    const ok = await safeFetch(`${server.url}/ok`);
    expect([ok.status, ok.headers.get("x-seen"), await ok.text()]).toEqual([200, "1", "hello"]);
    const redirect = await safeFetch(`${server.url}/redirect`);
    expect([redirect.status, redirect.headers.get("location")]).toEqual([302, "/ok"]);
    expect((await safeFetch(`${server.url}/empty`)).status).toBe(204);
    expect(server.stats.requests).toEqual(["/ok", "/redirect", "/empty"]);
  });

  it("reads a body of exactly the cap and refuses one byte more (default 1 MiB, or maxBodyBytes)", async () => {
    expect(MAX_RESPONSE_BYTES).toBe(MiB);
    expect((await (await safeFetch(`${server.url}/bytes/${MiB}`)).arrayBuffer()).byteLength).toBe(MiB);
    // The body is read (and counted) before safeFetch resolves: the error comes from the fetch itself.
    await expect(safeFetch(`${server.url}/bytes/${MiB + 1}`).then((r) => r.arrayBuffer())).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(await (await safeFetch(`${server.url}/bytes/16`, { maxBodyBytes: 16 })).text()).toBe("b".repeat(16));
    await expect(safeFetch(`${server.url}/bytes/17`, { maxBodyBytes: 16 })).rejects.toThrow("larger than 16 bytes");
  });

  it("stops a 64 MiB body without Content-Length at the cap and cuts the connection", async () => {
    const started = Date.now();
    await expect(safeFetch(`${server.url}/stream`).then((r) => r.json())).rejects.toThrow(ResponseTooLargeError);
    expect(await server.allClosed()).toBe(true);
    // Loopback socket buffers hold a few MiB in flight (about 4 MiB measured here); what matters is
    // that the stream was cut long before its 64 MiB.
    expect(server.stats.bodyBytesSent).toBeLessThan(16 * MiB);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    await expect(safeFetch(`${server.url}/declared`)).rejects.toThrow(/larger than 1048576 bytes/);
    expect(await server.allClosed()).toBe(true);
    expect(server.stats.bodyBytesSent).toBeLessThan(16 * MiB);
  });

  it("counts decoded bytes, so a small gzip body that inflates to 64 MiB is refused", async () => {
    await expect(safeFetch(`${server.url}/gzip-bomb`).then((r) => r.text())).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(bomb.length).toBeLessThan(MiB);
  });
});
