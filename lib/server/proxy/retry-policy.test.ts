import { describe, expect, it } from "vitest";
import { MAX_RETRY_WAIT_MS, retryAfterMs, retryWaitMs } from "./retry-policy";

describe("Retry-After", () => {
  const now = Date.parse("2026-12-07T12:00:00Z");
  it("reads delay-seconds, fractions as seconds, and the three HTTP-date forms", () => {
    expect(retryAfterMs("3", now)).toBe(3000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("1.5", now)).toBe(1500);
    expect(retryAfterMs("Mon, 07 Dec 2026 12:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Monday, 07-Dec-26 12:00:07 GMT", now)).toBe(7000);
    expect(retryAfterMs("Mon Dec  7 12:00:09 2026", now)).toBe(9000);
    expect(retryAfterMs("Mon, 07 Dec 2026 11:00:00 GMT", now)).toBe(0); // in the past
    expect(retryAfterMs(["2", "9"], now)).toBe(2000);
  });

  it("refuses what is neither (Date.parse would read \"-1\" or \"0.5x\" as a date in 2001)", () => {
    for (const junk of ["-1", "0.5x", "soon", "2026-12-07", "1e3", "", undefined, null]) expect(retryAfterMs(junk as string, now), String(junk)).toBeNull();
  });

  it("retries 429 only with Retry-After, 5xx with it or backoff, never past the limits", () => {
    expect(retryWaitMs(429, undefined, 1, 60_000)).toBeNull();
    expect(retryWaitMs(429, "2", 1, 60_000)).toBe(2000);
    expect(retryWaitMs(503, undefined, 1, 60_000)).toBeGreaterThanOrEqual(200);
    expect(retryWaitMs(503, undefined, 1, 60_000)).toBeLessThanOrEqual(300);
    expect(retryWaitMs(502, undefined, 5, 60_000)).toBeLessThanOrEqual(4_800);
    expect(retryWaitMs(501, undefined, 1, 60_000)).toBeNull();
    expect(retryWaitMs(404, "1", 1, 60_000)).toBeNull();
    expect(retryWaitMs(429, String(MAX_RETRY_WAIT_MS / 1000 + 1), 1, 600_000)).toBeNull();
    expect(retryWaitMs(503, "10", 1, 5_000)).toBeNull(); // past the budget left
  });
});
