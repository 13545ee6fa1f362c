import { describe, expect, it } from "vitest";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { apiKeyCtx, createAppWith, createUser, eventsFor, sessionCtx } from "../../testing/factories";
import { addMember } from "./add-member";
import { createApp } from "./create-app";
import { deleteApp } from "./delete-app";
import { getAppOrThrow } from "./get-app-or-throw";
import { listApps } from "./list-apps";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";
import { updateApp } from "./update-app";
import { updateMemberRole } from "./update-member-role";

async function code(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status}:${error.code}` : String(error);
  }
}

async function team() {
  const [owner, developer, member, outsider] = await Promise.all([
    createUser("owner"), createUser("dev"), createUser("member"), createUser("outsider"),
  ]);
  const appId = await createAppWith([
    { userId: owner.id, role: "owner" }, { userId: developer.id, role: "developer" }, { userId: member.id, role: "member" },
  ]);
  return { owner, developer, member, outsider, appId };
}

describe("apps", () => {
  it("creates an app with a readable, unique app_id, its creator as owner, and an audit event", async () => {
    const user = await createUser("creator");
    const name = `Email Assistant ${user.id}`;
    const first = await createApp({ ctx: sessionCtx(user), input: { name } });
    const second = await createApp({ ctx: sessionCtx(user), input: { name } });
    expect(first.app_id).toBe(`email-assistant-${user.id}`);
    expect(second.app_id).toBe(`email-assistant-${user.id}-2`);
    expect(first.role).toBe("owner");
    expect((await eventsFor(first.app_id)).map((e) => e.eventType)).toEqual(["app.created"]);
    expect(await code(createApp({ ctx: sessionCtx(user), input: { name: "x", app_id: first.app_id } }))).toBe("409:app_id_taken");
  });

  it("shows a user only the apps they belong to", async () => {
    const { owner, outsider, appId } = await team();
    expect((await listApps({ ctx: sessionCtx(owner) })).map((a) => a.app_id)).toContain(appId);
    expect((await listApps({ ctx: sessionCtx(outsider) })).map((a) => a.app_id)).not.toContain(appId);
    expect(await code(getAppOrThrow({ ctx: sessionCtx(outsider), appId }))).toBe("404:app_not_found");
    expect(await code(listMembers({ ctx: sessionCtx(outsider), appId }))).toBe("404:app_not_found");
  });

  it("lets only owners rename, delete and manage members", async () => {
    const { owner, developer, member, outsider, appId } = await team();
    for (const user of [developer, member]) {
      expect(await code(updateApp({ ctx: sessionCtx(user), appId, input: { name: "Hijacked" } }))).toBe("403:insufficient_role");
      expect(await code(deleteApp({ ctx: sessionCtx(user), appId, confirm: appId }))).toBe("403:insufficient_role");
      expect(await code(addMember({ ctx: sessionCtx(user), appId, input: { email: outsider.email, role: "owner" } }))).toBe(
        "403:insufficient_role",
      );
    }
    expect(await code(updateApp({ ctx: sessionCtx(outsider), appId, input: { name: "Hijacked" } }))).toBe("404:app_not_found");
    expect((await getPrisma().app.findUniqueOrThrow({ where: { appId } })).name).toBe(`App ${appId}`);

    const renamed = await updateApp({ ctx: sessionCtx(owner), appId, input: { name: "Renamed" } });
    expect(renamed).toMatchObject({ app_id: appId, name: "Renamed" });
    const added = await addMember({ ctx: sessionCtx(owner), appId, input: { email: outsider.email, role: "developer" } });
    expect(added).toMatchObject({ email: outsider.email, role: "developer" });
    expect((await eventsFor(appId)).map((e) => e.eventType)).toEqual(["app.updated", "app.member_added"]);
  });

  it("refuses to add an unknown email or an existing member, changing nothing", async () => {
    const { owner, member, appId } = await team();
    expect(await code(addMember({ ctx: sessionCtx(owner), appId, input: { email: "nobody@example.com", role: "member" } }))).toBe(
      "404:user_not_found",
    );
    expect(await code(addMember({ ctx: sessionCtx(owner), appId, input: { email: member.email, role: "owner" } }))).toBe(
      "409:already_member",
    );
    expect((await listMembers({ ctx: sessionCtx(owner), appId })).find((m) => m.email === member.email)?.role).toBe("member");
    expect(await eventsFor(appId)).toEqual([]);
  });

  it("always keeps an owner, and lets members leave", async () => {
    const { owner, member, appId } = await team();
    expect(await code(removeMember({ ctx: sessionCtx(owner), appId, userId: owner.id }))).toBe("409:last_owner");
    expect(await code(updateMemberRole({ ctx: sessionCtx(owner), appId, userId: owner.id, role: "member" }))).toBe("409:last_owner");
    await removeMember({ ctx: sessionCtx(member), appId, userId: member.id });
    expect((await listMembers({ ctx: sessionCtx(owner), appId })).map((m) => m.email)).not.toContain(member.email);
  });

  it("deletes an app only with confirmation, removing its authenticators, and records it", async () => {
    const { owner, appId } = await team();
    await getPrisma().oAuthAuthenticator.create({
      data: {
        authenticatorId: `auth-${appId}`, appId, authenticatorName: "Google", authenticatorType: "google", clientId: "c",
        clientSecret: "v1:x", encryptionKeyId: "t1", redirectUri: "https://x/cb", authorizeUrl: "https://x/a", tokenUrl: "https://x/t",
      },
    });
    expect(await code(deleteApp({ ctx: sessionCtx(owner), appId, confirm: null }))).toBe("422:confirmation_required");
    expect(await getPrisma().app.count({ where: { appId } })).toBe(1);
    await deleteApp({ ctx: sessionCtx(owner), appId, confirm: appId });
    expect(await getPrisma().app.count({ where: { appId } })).toBe(0);
    expect(await getPrisma().oAuthAuthenticator.count({ where: { appId } })).toBe(0);
    const [event] = await eventsFor(appId);
    expect(event).toMatchObject({ eventType: "app.deleted", actorUserId: owner.id, details: { authenticators_removed: 1 } });
  });

  it("does not let API keys manage apps, and limits app-restricted keys to their app", async () => {
    const { owner, appId } = await team();
    const otherApp = await createAppWith([{ userId: owner.id, role: "owner" }]);
    const key = apiKeyCtx(owner, ["authenticators:read"], appId);
    expect(await code(createApp({ ctx: key, input: { name: "From a key" } }))).toBe("403:session_required");
    expect((await listApps({ ctx: key })).map((a) => a.app_id)).toEqual([appId]);
    expect(await code(getAppOrThrow({ ctx: key, appId: otherApp }))).toBe("403:app_restricted");
  });

  it("lets the platform admin act on any app", async () => {
    const { appId } = await team();
    const admin = await createUser("admin", true);
    expect(await getAppOrThrow({ ctx: sessionCtx(admin), appId })).toMatchObject({ app_id: appId, role: "owner" });
  });
});
