import { describe, expect, it } from "vitest";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { createAppWith, createUser, sessionCtx } from "../../testing/factories";
import { getMetrics } from "./get-metrics";
import { listEventsSchema } from "../../schemas/events";
import { listEvents } from "./list-events";

async function code(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

async function seed() {
  const [owner, member, outsider] = await Promise.all([createUser("owner"), createUser("member"), createUser("outsider")]);
  const appId = await createAppWith([{ userId: owner.id, role: "owner" }, { userId: member.id, role: "member" }]);
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await getPrisma().oAuthEvent.createMany({
    data: [
      { eventType: "oauth.connect_succeeded", appId, authenticatorId: "google", subjectUserId: member.id, durationMs: 120, provider: "google", createdAt: at(30) },
      { eventType: "oauth.connect_succeeded", appId, authenticatorId: "google", subjectUserId: owner.id, durationMs: 180, provider: "google", createdAt: at(20) },
      { eventType: "oauth.connect_failed", outcome: "failure", appId, authenticatorId: "google", subjectUserId: member.id, details: { error: "access_denied" }, createdAt: at(10) },
      { eventType: "token.refreshed", appId, authenticatorId: "google", durationMs: 90, createdAt: at(5) },
      { eventType: "token.refresh_failed", outcome: "failure", appId, authenticatorId: "google", details: { error: "invalid_grant" }, createdAt: at(4) },
      { eventType: "token.served", appId, authenticatorId: "google", details: { count: 41 }, createdAt: at(3) },
      { eventType: "authenticator.updated", appId, authenticatorId: "google", actorUserId: owner.id, details: { changed: ["scopes"] }, createdAt: at(2) },
    ],
  });
  return { owner, member, outsider, appId };
}

describe("audit log and metrics", () => {
  it("lists an app's events newest first, paged, filtered; members see only their own", async () => {
    const { owner, member, outsider, appId } = await seed();
    const all = await listEvents({ ctx: sessionCtx(owner), input: listEventsSchema.parse({ app_id: appId }) });
    expect(all.events.map((e) => e.type)).toEqual([
      "authenticator.updated", "token.served", "token.refresh_failed", "token.refreshed", "oauth.connect_failed", "oauth.connect_succeeded", "oauth.connect_succeeded",
    ]);
    expect(all.events[0]!.actor).toBe(owner.email);
    const page = await listEvents({ ctx: sessionCtx(owner), input: listEventsSchema.parse({ app_id: appId, limit: 3 }) });
    const next = await listEvents({ ctx: sessionCtx(owner), input: listEventsSchema.parse({ app_id: appId, limit: 3, before: page.next_before }) });
    expect(next.events[0]!.type).toBe("token.refreshed");
    const failures = await listEvents({ ctx: sessionCtx(owner), input: listEventsSchema.parse({ app_id: appId, outcome: "failure", type: "oauth." }) });
    expect(failures.events.map((e) => e.type)).toEqual(["oauth.connect_failed"]);
    const mine = await listEvents({ ctx: sessionCtx(member), input: listEventsSchema.parse({ app_id: appId }) });
    expect(mine.events.every((e) => e.subject_user_id === member.id)).toBe(true);
    expect(mine.events).toHaveLength(2);
    expect(await code(listEvents({ ctx: sessionCtx(outsider), input: listEventsSchema.parse({ app_id: appId }) }))).toBe("app_not_found");
  });

  it("computes success rates, refresh outcomes, errors and provider times; members may not", async () => {
    const { owner, member, appId } = await seed();
    const m = await getMetrics({ ctx: sessionCtx(owner), input: { appId } });
    expect(m.flows.reduce((s, f) => s + f.succeeded, 0)).toBe(2);
    expect(m.flows.reduce((s, f) => s + f.failed, 0)).toBe(1);
    expect(m.refreshes).toEqual({ succeeded: 1, failed: 1 });
    expect(m.tokens_served).toBe(41);
    expect(m.errors).toEqual(expect.arrayContaining([{ code: "access_denied", count: 1 }, { code: "invalid_grant", count: 1 }]));
    expect(m.providers[0]).toMatchObject({ authenticator_id: "google", connects: 2, failures: 2, p50_ms: 120 });
    expect(await code(getMetrics({ ctx: sessionCtx(member), input: { appId } }))).toBe("insufficient_role");
  });
});
