import { describe, expect, it } from "vitest";
import { signUpSchema } from "../../schemas/auth";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { uniqueEmail } from "../../testing/factories";
import { withFreshDatabase } from "../../testing/fresh-database";
import { signUp } from "./sign-up";
import { limitSpec } from "../rate-limit/limits";
import { verifyCredentials } from "./verify-credentials";

// A private database: "the first account is the admin" needs an empty platform.
withFreshDatabase("fw_users");

const ctx = (ip = "10.0.0.1") => ({ actor: null, requestId: "test", ip });
const MAX_FAILURES_PER_EMAIL = limitSpec("sign_in_email").points;
const MAX_FAILURES_PER_IP = limitSpec("sign_in_ip").points;
const password = "correct horse battery staple";

async function errorCode(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status}:${error.code}` : String(error);
  }
}

describe("sign-up", () => {
  it("makes exactly one admin when the first sign-ups race, and stores only an argon2id hash", async () => {
    const emails = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    const users = await Promise.all(emails.map((email) => signUp({ ctx: ctx(), input: signUpSchema.parse({ email, password }) })));
    expect(users.filter((u) => u.is_admin)).toHaveLength(1);
    const stored = await getPrisma().user.findMany({ where: { email: { in: emails } } });
    for (const user of stored) {
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain(password);
    }
    const events = await getPrisma().oAuthEvent.findMany({ where: { eventType: "user.signed_up", subjectUserId: { in: stored.map((u) => u.id) } } });
    expect(events).toHaveLength(3);
  });

  it("refuses a taken email (any case) and changes nothing", async () => {
    const email = uniqueEmail("taken");
    await signUp({ ctx: ctx(), input: signUpSchema.parse({ email, password }) });
    const before = await getPrisma().user.count();
    expect(await errorCode(signUp({ ctx: ctx(), input: signUpSchema.parse({ email: email.toUpperCase(), password }) }))).toBe("409:email_taken");
    expect(await getPrisma().user.count()).toBe(before);
  });

  it.each([
    ["short", "Use at least 10 characters"],
    ["password123", "too common"],
    ["aaaaaaaaaaaa", "less repetitive"],
  ])("refuses the weak password %s", (weak, message) => {
    const result = signUpSchema.safeParse({ email: "x@example.com", password: weak });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(" ")).toContain(message);
  });

  it("refuses a malformed email", () => {
    expect(signUpSchema.safeParse({ email: "not-an-email", password }).error?.issues[0]?.message).toBe("Enter a valid email address");
  });
});

describe("sign-up limit", () => {
  it("refuses the sign-up past the per-IP limit before hashing, with the 429 headers, creating nothing", async () => {
    const { points } = limitSpec("sign_up_ip");
    for (let i = 0; i < points; i++) await signUp({ ctx: ctx("10.77.0.1"), input: signUpSchema.parse({ email: uniqueEmail("burst"), password }) });
    const before = await getPrisma().user.count();
    const email = uniqueEmail("one-too-many");
    const error = await signUp({ ctx: ctx("10.77.0.1"), input: signUpSchema.parse({ email, password }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
    expect((error as AppError).headers).toMatchObject({ "ratelimit-limit": String(points), "ratelimit-remaining": "0" });
    expect(Number((error as AppError).headers["retry-after"])).toBeGreaterThan(0);
    expect(await getPrisma().user.count()).toBe(before);
    // Another address may still sign up.
    await expect(signUp({ ctx: ctx("10.77.0.2"), input: signUpSchema.parse({ email, password }) })).resolves.toMatchObject({ email });
  });
});

describe("sign-in", () => {
  it("accepts the right password and answers a wrong password and an unknown email alike", async () => {
    const email = uniqueEmail("signin");
    await signUp({ ctx: ctx(), input: signUpSchema.parse({ email, password }) });
    await expect(verifyCredentials({ ctx: ctx(), input: { email, password } })).resolves.toMatchObject({ email });
    const wrong = await errorCode(verifyCredentials({ ctx: ctx(), input: { email, password: "wrong password!" } }));
    const unknown = await errorCode(verifyCredentials({ ctx: ctx(), input: { email: uniqueEmail("nobody"), password } }));
    expect(wrong).toBe("401:invalid_credentials");
    expect(unknown).toBe(wrong);
  });

  it("rate limits an email after repeated failures, even with the right password, from any IP", async () => {
    const email = uniqueEmail("limited");
    await signUp({ ctx: ctx(), input: signUpSchema.parse({ email, password }) });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await errorCode(verifyCredentials({ ctx: ctx(`10.1.0.${i}`), input: { email, password: "nope nope nope" } }))).toBe(
        "401:invalid_credentials",
      );
    }
    expect(await errorCode(verifyCredentials({ ctx: ctx("10.9.9.9"), input: { email, password } }))).toBe("429:rate_limited");
    // Unknown emails are limited the same way, so the limit does not reveal which emails exist.
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await verifyCredentials({ ctx: ctx("10.2.0.1"), input: { email: ghost, password } }).catch(() => {});
    expect(await errorCode(verifyCredentials({ ctx: ctx("10.3.0.1"), input: { email: ghost, password } }))).toBe("429:rate_limited");
  });

  it("rate limits an IP that tries many emails", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await verifyCredentials({ ctx: ctx("10.66.0.1"), input: { email: uniqueEmail("spray"), password } }).catch(() => {});
    }
    expect(await errorCode(verifyCredentials({ ctx: ctx("10.66.0.1"), input: { email: uniqueEmail("spray"), password } }))).toBe(
      "429:rate_limited",
    );
  });

  it("lets exactly the limit's number of password checks happen under 40 concurrent wrong attempts", async () => {
    const email = uniqueEmail("storm");
    await signUp({ ctx: ctx("10.88.0.1"), input: signUpSchema.parse({ email, password }) });
    // Forty addresses, so only the per-email limit is in play.
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => errorCode(verifyCredentials({ ctx: ctx(`10.88.1.${i}`), input: { email, password: "wrong wrong wrong" } }))),
    );
    expect(outcomes.filter((o) => o === "401:invalid_credentials")).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(outcomes.filter((o) => o === "429:rate_limited")).toHaveLength(40 - MAX_FAILURES_PER_EMAIL);
    // Every password check writes one sign-in event: exactly the limit's number happened.
    const checks = await getPrisma().oAuthEvent.count({ where: { eventType: "user.sign_in_failed", details: { path: ["email"], equals: email } } });
    expect(checks).toBe(MAX_FAILURES_PER_EMAIL);
  });

  it("counts failures, not sign-ins: a right password gives its points back", async () => {
    const email = uniqueEmail("regular");
    await signUp({ ctx: ctx("10.99.0.1"), input: signUpSchema.parse({ email, password }) });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL + 3; i++) {
      await expect(verifyCredentials({ ctx: ctx("10.99.0.2"), input: { email, password } })).resolves.toMatchObject({ email });
    }
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) {
      expect(await errorCode(verifyCredentials({ ctx: ctx("10.99.0.2"), input: { email, password: "not it, sorry" } }))).toBe("401:invalid_credentials");
    }
    await expect(verifyCredentials({ ctx: ctx("10.99.0.2"), input: { email, password } })).resolves.toMatchObject({ email });
  });
});
