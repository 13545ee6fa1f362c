import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { guardNextAuthRequest } from "./next-auth-guard";

const APP = process.env.APP_URL!;

async function outcome(req: Request): Promise<string> {
  try {
    await guardNextAuthRequest(req);
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return `${error.status}:${error.code}${error.headers["set-cookie"] ? " +clear" : ""}`;
    throw error;
  }
}
const form = (body: string, type = "application/x-www-form-urlencoded") =>
  new Request(`${APP}/api/auth/callback/credentials`, { method: "POST", headers: { "content-type": type }, body });

describe("what reaches next-auth", () => {
  const cases: Array<[Request, string]> = [
    [new Request(`${APP}/api/auth/signin?callbackUrl=%2Fapps`), "ok"],
    [new Request(`${APP}/api/auth/signin?callbackUrl=${encodeURIComponent(`${APP}/apps`)}`), "ok"],
    [new Request(`${APP}/api/auth/signin?callbackUrl=%0A`), "400:invalid_callback_url"],
    [new Request(`${APP}/api/auth/signin?callbackUrl=%2F%09%2Fevil.com`), "400:invalid_callback_url"],
    [new Request(`${APP}/api/auth/signin?callbackUrl=garbage`), "400:invalid_callback_url"],
    [new Request(`${APP}/api/auth/session?x=%00`), "422:invalid_characters"],
    [new Request(`${APP}/api/auth/session`, { headers: { cookie: "next-auth.callback-url=garbage" } }), "400:invalid_callback_url +clear"],
    [new Request(`${APP}/api/auth/session`, { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(APP + "/")}` } }), "ok"],
    [form("csrfToken=x&email=a%40b.c&callbackUrl=%2Fapps"), "ok"],
    [form("email=a%00b"), "422:invalid_characters"],
    [form("callbackUrl=https%3A%2F%2Fevil.com"), "400:invalid_callback_url"],
    [form('{"email":"x"}', "application/json"), "400:unsupported_media_type"],
    [form("a=" + "x".repeat(70_000)), "413:payload_too_large"],
  ];
  it.each(cases.map(([req, expected], i) => [`#${i} ${req.method} ${req.url.slice(APP.length, 90)}`, req, expected] as const))("%s", async (_, req, expected) => {
    expect(await outcome(req)).toBe(expected);
  });
});
