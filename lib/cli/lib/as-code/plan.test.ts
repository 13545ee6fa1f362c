import { describe, expect, it } from "vitest";
import { planAsJson, planChanges, summarize, type SecretComparison, type UpdateChange } from "./plan";
import type { DesiredAuthenticator } from "./read-spec-dir";
import type { RemoteAuthenticator } from "./spec-file";

// The diff between a folder of spec files and the app's authenticators, without a server.

const remote = (id: string, extra: Partial<RemoteAuthenticator> = {}): RemoteAuthenticator => ({
  authenticator_id: id,
  name: id.toUpperCase(),
  authenticator_type: "github",
  client_id: `cid-${id}`,
  client_secret_hint: null,
  client_secret_fingerprint: "scrypt$…",
  scopes: ["user", "read:org"],
  authorize_url: "https://github.com/login/oauth/authorize",
  token_url: "https://github.com/login/oauth/access_token",
  redirect_uri: `https://fw.example.com/auth/callback/${id}`,
  configuration: { pkce: true, authorization_params: { allow_signup: "false", login: "x" } },
  is_active: true,
  connections_count: 2,
  ...extra,
});

/** The file an export of `remote(id)` would be, as read back (client_secret apart). */
const desired = (id: string, fields: DesiredAuthenticator["fields"] = {}, secret = `secret-${id}`): DesiredAuthenticator => {
  const { authenticator_id: _, client_secret_hint: _h, client_secret_fingerprint: _f, connections_count: _c, ...all } = remote(id);
  return { file: `oauth/${id}.json`, id, fields: { ...all, ...fields }, secret, secretSource: `\${${id.toUpperCase()}_CLIENT_SECRET}` };
};

const run = (d: DesiredAuthenticator[], current: RemoteAuthenticator[], options: { prune?: boolean; secrets?: Record<string, SecretComparison> } = {}) =>
  planChanges({
    desired: d,
    current,
    prune: !!options.prune,
    secrets: new Map(Object.entries(options.secrets ?? Object.fromEntries(d.map((x) => [x.id, true])))),
    redirectUriFor: (id) => `https://fw.example.com/auth/callback/${id}`,
  });

describe("planChanges", () => {
  it("finds nothing to do when every file matches and every secret matches its fingerprint", () => {
    const plan = run([desired("github"), desired("slack")], [remote("github"), remote("slack")]);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged.map((u) => u.id)).toEqual(["github", "slack"]);
    expect(summarize(plan)).toEqual({ create: 0, update: 0, delete: 0, unchanged: 2, kept: 0 });
  });

  it("compares configuration whatever its key order", () => {
    const reordered = desired("github", { configuration: { authorization_params: { login: "x", allow_signup: "false" }, pkce: true } });
    expect(run([reordered], [remote("github")]).changes).toEqual([]);
  });

  it("lists exactly the changed fields, old → new, and sends only those", () => {
    const plan = run([desired("github", { scopes: ["user"], name: "GitHub" })], [remote("github")]);
    expect(plan.changes).toHaveLength(1);
    const update = plan.changes[0] as UpdateChange;
    expect(update).toMatchObject({ action: "update", id: "github", file: "oauth/github.json", name: "GITHUB" });
    expect(update.changes).toEqual([
      { field: "name", old: "GITHUB", new: "GitHub" },
      { field: "scopes", old: ["user", "read:org"], new: ["user"] },
    ]);
    expect(update.body).toEqual({ name: "GitHub", scopes: ["user"] });
  });

  it("treats a reordering of scopes as a change (the stored order is what export writes)", () => {
    const update = run([desired("github", { scopes: ["read:org", "user"] })], [remote("github")]).changes[0] as UpdateChange;
    expect(update.changes.map((c) => c.field)).toEqual(["scopes"]);
  });

  it("reports a secret as changed or unknown by its fingerprint comparison, never its value", () => {
    const plan = run([desired("github"), desired("slack")], [remote("github"), remote("slack", { client_secret_fingerprint: null })], {
      secrets: { github: false, slack: null },
    });
    const [github, slack] = plan.changes as UpdateChange[];
    expect(github!.changes).toEqual([{ field: "client_secret", status: "changed" }]);
    expect(github!.body).toEqual({ client_secret: "secret-github" });
    expect(slack!.changes).toEqual([{ field: "client_secret", status: "unknown" }]);
    expect(JSON.stringify(planAsJson(plan))).not.toMatch(/secret-github|secret-slack/);
  });

  it("leaves a field the file does not hold alone", () => {
    const { scopes: _s, configuration: _c, is_active: _a, ...rest } = desired("github").fields;
    const partial = { ...desired("github"), fields: rest };
    expect(run([partial], [remote("github", { scopes: ["repo"], configuration: {}, is_active: false })]).changes).toEqual([]);
  });

  it("sends the file's URLs along with a new configuration, so the API does not derive them again", () => {
    const update = run([desired("github", { configuration: { pkce: false } })], [remote("github")]).changes[0] as UpdateChange;
    expect(update.changes.map((c) => c.field)).toEqual(["configuration"]);
    expect(update.body).toEqual({
      configuration: { pkce: false },
      authorize_url: "https://github.com/login/oauth/authorize",
      token_url: "https://github.com/login/oauth/access_token",
    });
  });

  it("creates what the app lacks, fixing the id through redirect_uri, and disables it when the file says so", () => {
    const { redirect_uri: _, ...noRedirect } = desired("linear").fields;
    const plan = run([{ ...desired("linear"), fields: { ...noRedirect, is_active: false } }, desired("github")], [remote("github")]);
    expect(plan.changes).toHaveLength(1);
    const create = plan.changes[0]!;
    expect(create).toMatchObject({ action: "create", id: "linear", disable: true });
    if (create.action !== "create") throw new Error("expected a create");
    expect(create.body).toMatchObject({ name: "LINEAR", client_secret: "secret-linear", redirect_uri: "https://fw.example.com/auth/callback/linear" });
    expect(create.body).not.toHaveProperty("is_active");
    expect(planAsJson(plan).create[0]!.fields.client_secret).toBe("${LINEAR_CLIENT_SECRET}");
  });

  it("deletes what is not in the folder only with --prune, and otherwise keeps and lists it", () => {
    const kept = run([desired("github")], [remote("github"), remote("slack", { connections_count: 5 })]);
    expect(kept.changes).toEqual([]);
    expect(kept.kept).toEqual([{ id: "slack", name: "SLACK", connections: 5 }]);
    const pruned = run([desired("github")], [remote("github"), remote("slack", { connections_count: 5 })], { prune: true });
    expect(pruned.changes).toEqual([{ action: "delete", id: "slack", name: "SLACK", connections: 5 }]);
    expect(pruned.kept).toEqual([]);
  });

  it("orders the changes creates, updates, deletes, each by id", () => {
    const plan = run(
      [desired("zeta"), desired("alpha"), desired("mid", { scopes: [] }), desired("beta", { name: "B" })],
      [remote("mid"), remote("beta"), remote("old-b"), remote("old-a")],
      { prune: true, secrets: { mid: true, beta: true } },
    );
    expect(plan.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      "create alpha", "create zeta", "update beta", "update mid", "delete old-a", "delete old-b",
    ]);
  });

  it("refuses to turn one provider into another", () => {
    const plan = run([desired("github", { authenticator_type: "gitlab" })], [remote("github")]);
    expect(plan.problems).toEqual([{ path: "oauth/github.json › authenticator_type", message: expect.stringContaining("cannot change (github → gitlab)") }]);
    expect(plan.changes).toEqual([]);
  });
});
