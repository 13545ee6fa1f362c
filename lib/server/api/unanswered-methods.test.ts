import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/schemas/errors";
import { unansweredMethods } from "./unanswered-methods";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SIX = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const routeFiles = (readdirSync(path.join(ROOT, "app"), { recursive: true }) as string[])
  .filter((file) => path.basename(file) === "route.ts")
  .sort();

describe("methods a route does not answer", () => {
  it("answer 405 method_not_allowed in the envelope, with Allow naming what the route answers", async () => {
    const handlers = unansweredMethods("GET", "DELETE");
    expect(Object.keys(handlers).sort()).toEqual(["OPTIONS", "PATCH", "POST", "PUT"]);
    const answer = await handlers.POST(new Request("http://localhost/api/v1/x", { method: "POST", headers: { "x-request-id": "req-405" } }), {});
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET, DELETE, HEAD, OPTIONS");
    expect(answer.headers.get("x-request-id")).toBe("req-405");
    const body = errorBodySchema.parse(await answer.json());
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toContain("POST is not answered here");
  });

  it("answer OPTIONS 204 with the same Allow, and leave a route's own OPTIONS alone", async () => {
    const options = await unansweredMethods("POST").OPTIONS(new Request("http://localhost/x", { method: "OPTIONS" }), {});
    expect([options.status, options.headers.get("allow"), await options.text()]).toEqual([204, "POST, OPTIONS", ""]);
    const own = unansweredMethods("GET", "OPTIONS");
    expect("OPTIONS" in own).toBe(false);
    const put = await own.PUT(new Request("http://localhost/x", { method: "PUT" }), {});
    expect(put.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  // Next answers a method a route file does not export with its own empty 405, outside the envelope.
  it.each(routeFiles)("app/%s exports a handler for all six methods", async (file) => {
    const route = (await import(path.join(ROOT, "app", file))) as Record<string, unknown>;
    expect(SIX.filter((method) => typeof route[method] !== "function")).toEqual([]);
  });
});
