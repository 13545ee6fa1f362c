import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authorizeAtProvider } from "../../../e2e/fixtures/provider-login";
import { checkCronSecret } from "../api/check-cron-secret";
import { completeConnection } from "../connections/complete-connection";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { discoverIssuer } from "../oauth/discover-issuer";
import { createUser, sessionCtx } from "../../testing/factories";
import { APP, startOAuthHarness, type OAuthHarness } from "../../testing/oauth-harness";
import { withCallbackLimit } from "./callback-limit";

const fakeIp = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
async function outcome(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status}:${error.code}` : String(error);
  }
}

const saved = { ...process.env };
afterEach(() => {
  for (const name of ["CRON_SECRET", "RATE_LIMIT_CRON_FAILURES_PER_IP", "RATE_LIMIT_DISCOVERY_PER_CALLER", "RATE_LIMIT_CALLBACK_FAILURES_PER_IP"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("the cron secret", () => {
  it("stops an address after its wrong secrets, and never limits the right one", async () => {
    process.env.CRON_SECRET = "the-cron-secret-0123456789";
    process.env.RATE_LIMIT_CRON_FAILURES_PER_IP = "3/15m";
    const scheduler = fakeIp();
    for (let i = 0; i < 6; i++) expect(await outcome(checkCronSecret({ authorization: "Bearer the-cron-secret-0123456789", ip: scheduler }))).toBe("ok");
    const guesser = fakeIp();
    for (let i = 0; i < 3; i++) expect(await outcome(checkCronSecret({ authorization: `Bearer guess-${i}`, ip: guesser }))).toBe("401:invalid_cron_secret");
    expect(await outcome(checkCronSecret({ authorization: "Bearer guess-4", ip: guesser }))).toBe("429:rate_limited");
    // Refused before the comparison, so the right secret does not help a blocked address either.
    expect(await outcome(checkCronSecret({ authorization: "Bearer the-cron-secret-0123456789", ip: guesser }))).toBe("429:rate_limited");
  });
});

describe("discovery", () => {
  it("limits each caller, before any lookup or fetch", async () => {
    process.env.RATE_LIMIT_DISCOVERY_PER_CALLER = "4/1m";
    const [user, other] = await Promise.all([createUser("discoverer"), createUser("other")]);
    // A private address is refused before connecting: nothing leaves the machine.
    const discover = (u: typeof user) => outcome(discoverIssuer({ ctx: sessionCtx(u), input: { issuer: "https://10.0.0.1" } }));
    for (let i = 0; i < 4; i++) expect(await discover(user)).toBe("422:invalid_provider_url");
    expect(await discover(user)).toBe("429:rate_limited");
    expect(await discover(other)).toBe("422:invalid_provider_url");
  });
});

describe("the OAuth callback", () => {
  let h: OAuthHarness;
  let id = "";
  beforeAll(async () => {
    h = await startOAuthHarness([{ name: "cb" }]);
    id = await h.register("cb", ["read"]);
  });
  afterAll(async () => h?.provider.stop());

  const callback = (ip: string, params: URLSearchParams, binding: string | null) =>
    withCallbackLimit(ip, () =>
      completeConnection({ ctx: { actor: null, requestId: "test", ip }, input: { authenticatorId: id, params, userId: h.owner.id, binding } }),
    );

  it("counts refused states per IP and stops them before they write events; real flows do not count", async () => {
    process.env.RATE_LIMIT_CALLBACK_FAILURES_PER_IP = "3/10m";
    const ip = fakeIp();
    for (let i = 0; i < 4; i++) {
      const started = await h.begin(id);
      const back = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/` });
      const { location } = await callback(ip, back.searchParams, started.binding);
      expect(location).toContain("status=success");
    }
    const forged = () => callback(ip, new URLSearchParams({ state: randomBytes(32).toString("base64url"), code: "x" }), null);
    for (let i = 0; i < 3; i++) expect((await forged()).location).toBe("/oauth/error?code=state_invalid");
    const events = () => getPrisma().oAuthEvent.count({ where: { ip, eventType: "oauth.connect_failed" } });
    expect(await events()).toBe(3);
    expect(await outcome(forged())).toBe("429:rate_limited");
    expect(await events()).toBe(3);
  });
});
