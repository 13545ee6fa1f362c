import { API_KEY_SCOPES } from "../../schemas/api-keys";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { getPrisma } from "../db/client";
import { withFreshDatabase } from "../../testing/fresh-database";

const run = promisify(execFile);
withFreshDatabase("fw_bootstrap");

// Runs the real `fiber` executable, as an operator would on a fresh server.
async function fiber(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", ["lib/cli/bin.mjs", ...args], { env: { ...process.env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("fiber admin bootstrap", () => {
  it("creates the first admin, an app and an all-scope API key on a fresh database, printing the key once", async () => {
    const result = await fiber("admin", "bootstrap", "--email", "Ops@Example.com", "--password", "a long bootstrap passphrase", "--app", "Email Assistant");
    expect(result.code).toBe(0);
    const key = /(fw_live_[A-Za-z0-9_-]{43})/.exec(result.stdout)?.[1];
    expect(key).toBeTruthy();
    expect(result.stdout).toContain("app_id: email-assistant");

    const admin = await getPrisma().user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(admin.isAdmin).toBe(true);
    const actor = await authenticateApiKey(key!);
    expect(actor.userId).toBe(admin.id);
    // Every scope, present and future: stored as "*".
    expect([...actor.scopes].sort()).toEqual([...API_KEY_SCOPES].sort());
    expect((await getPrisma().apiKey.findFirstOrThrow({ where: { userId: admin.id } })).scopes).toEqual(["*"]);
    expect(await getPrisma().appMember.findFirst({ where: { appId: "email-assistant", userId: admin.id } })).toMatchObject({ role: "owner" });
    const keyRows = await getPrisma().apiKey.findMany();
    expect(JSON.stringify(keyRows)).not.toContain(key!);
  });

  it("refuses, with a message and a non-zero exit, to create a second admin", async () => {
    const before = await getPrisma().user.count();
    const result = await fiber("admin", "bootstrap", "--email", "second@example.com", "--password", "another long passphrase");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("already has an admin (ops@example.com)");
    expect(result.stdout).not.toContain("fw_live_");
    expect(await getPrisma().user.count()).toBe(before);
  });

  it("refuses a weak password before touching the database", async () => {
    const result = await fiber("admin", "bootstrap", "--email", "weak@example.com", "--password", "short");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("password: Use at least 10 characters");
  });
});
