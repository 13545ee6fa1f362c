import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseRegistration, type RegisterAuthenticatorInput } from "../../schemas/authenticators";
import { decryptSecret } from "../crypto/encryption";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { apiKeyCtx, createAppWith, createUser, sessionCtx } from "../../testing/factories";
import { withFreshDatabase } from "../../testing/fresh-database";
import { deleteAuthenticator } from "./delete-authenticator";
import { getAuthenticatorOrThrow } from "./get-authenticator-or-throw";
import { listAuthenticators } from "./list-authenticators";
import { parseRegistrationOrThrow } from "./parse-registration";
import { registerAuthenticator } from "./register-authenticator";
import { updateAuthenticator } from "./update-authenticator";

// Authenticator ids are global ("google", "google-2"): a private database keeps them predictable.
withFreshDatabase("fw_authenticators");

const SECRET = "GOCSPX-your-secret-here";
const googleExample = {
  name: "Google",
  authenticator_type: "google",
  client_id: "123456789-abcdef.apps.googleusercontent.com",
  client_secret: SECRET,
  scopes: ["openid", "profile", "email", "https://www.googleapis.com/auth/gmail.readonly"],
  redirect_uri: "https://your-app.com/auth/callback/google",
  authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
  token_url: "https://oauth2.googleapis.com/token",
};

let owner: Awaited<ReturnType<typeof createUser>>;
let developer: Awaited<ReturnType<typeof createUser>>;
let member: Awaited<ReturnType<typeof createUser>>;
let appId = "";
beforeAll(async () => {
  process.env.ALLOWED_REDIRECT_ORIGINS = "https://your-app.com";
  [owner, developer, member] = await Promise.all([createUser("owner"), createUser("dev"), createUser("member")]);
  appId = await createAppWith([
    { userId: owner.id, role: "owner" }, { userId: developer.id, role: "developer" }, { userId: member.id, role: "member" },
  ]);
});
afterEach(() => void delete process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS);

const register = (body: Record<string, unknown>, user = developer) =>
  registerAuthenticator({ ctx: sessionCtx(user), input: parseRegistrationOrThrow({ app_id: appId, ...body }) });

async function failure(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message, details: error.details ?? [] };
    throw error;
  }
  throw new Error("expected a failure");
}

const countRows = () => getPrisma().oAuthAuthenticator.count();

describe("registering authenticators", () => {
  it("accepts the spec's Google example and keeps the secret only as ciphertext", async () => {
    const created = await register(googleExample);
    expect(created).toMatchObject({
      authenticator_id: "google", name: "Google", authenticator_type: "google", app_id: appId,
      client_secret_set: true, client_secret_hint: "…here", scopes: googleExample.scopes, redirect_uri: googleExample.redirect_uri,
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    const row = await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: "google" } });
    expect(row.clientSecret).toMatch(/^v1:t1:/);
    expect(decryptSecret(row.clientSecret, { table: "oauth_authenticators", rowId: "google", field: "client_secret" })).toBe(SECRET);

    const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", process.env.DATABASE_URL!], { maxBuffer: 64 << 20 });
    expect(stdout).toContain("123456789-abcdef.apps.googleusercontent.com");
    expect(stdout).not.toContain(SECRET);
  });

  it("fills URLs and a free id from the template, and computes the redirect URI", async () => {
    const created = await register({ name: "Google 2", authenticator_type: "google", client_id: "c", client_secret: "s".repeat(20), scopes: "profile, email profile" });
    expect(created.authenticator_id).toBe("google-2");
    expect(created.redirect_uri).toBe("http://localhost:3000/auth/callback/google-2");
    expect(created.authorize_url).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(created.scopes).toEqual(["profile", "email"]);
  });

  it("lists every missing required field with the spec's message, and writes nothing", async () => {
    const before = await countRows();
    const result = parseRegistration({ scopes: ["x"] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe("missing_required_fields");
    expect(result.problem.message).toBe("Missing required fields: name, authenticator_type, client_id, client_secret");
    expect(result.problem.details.map((d) => d.path)).toEqual(["name", "authenticator_type", "client_id", "client_secret"]);
    expect(await countRows()).toBe(before);
  });

  it("names the known types for an unknown type", () => {
    const result = parseRegistration({ ...googleExample, authenticator_type: "gooogle" });
    expect(result.ok || result.problem.code).toBe("unknown_authenticator_type");
    if (result.ok) return;
    expect(result.problem.message).toContain('Unknown authenticator_type "gooogle"');
    expect(result.problem.details[0]?.known_types).toEqual(expect.arrayContaining(["google", "microsoft", "github", "slack", "custom"]));
  });

  it("refuses wrong types, unknown fields and a custom provider without URLs, listing every problem", () => {
    const result = parseRegistration({ ...googleExample, authenticator_type: "custom", scopes: 42, extra: true, authorize_url: undefined, token_url: undefined });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.details.map((d) => d.path).sort()).toEqual(["", "authorize_url", "scopes", "token_url"]);
  });

  it.each([
    ["http://provider.example/token", "must use https"],
    ["https://169.254.169.254/latest/meta-data/iam", "cloud metadata"],
    ["https://10.0.0.8/token", "private network"],
    ["https://[::ffff:127.0.0.1]:8443/token", "loopback"],
  ])("refuses the token URL %s and writes nothing", async (tokenUrl, reason) => {
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    const before = await countRows();
    const error = await failure(register({ ...googleExample, name: `bad ${tokenUrl}`, redirect_uri: undefined, token_url: tokenUrl }));
    expect(error).toMatchObject({ status: 422, code: "invalid_provider_url" });
    expect(error.message).toContain(reason);
    expect(await countRows()).toBe(before);
  });

  it("refuses a redirect URI on another origin, saying what it should be", async () => {
    const error = await failure(register({ ...googleExample, name: "Evil", redirect_uri: "https://evil.example/auth/callback/google-9" }));
    expect(error).toMatchObject({ status: 422, code: "invalid_redirect_uri" });
    expect(error.message).toContain("Invalid redirect URI");
    expect(error.details[0]).toMatchObject({ expected: "http://localhost:3000/auth/callback/google" });
  });

  it("refuses a second authenticator with the same name in the app (409)", async () => {
    const before = await countRows();
    expect(await failure(register({ ...googleExample, redirect_uri: undefined }))).toMatchObject({ status: 409, code: "authenticator_exists" });
    expect(await countRows()).toBe(before);
  });

  it("warns about broad scopes, as the spec's Scope Minimization asks", async () => {
    const created = await register({ name: "GitHub", authenticator_type: "github", client_id: "gh", client_secret: "x".repeat(40), scopes: "user,repo,read:org" });
    expect(created.warnings.filter((w) => w.code === "broad_scope").map((w) => w.scope)).toContain("repo");
    const custom = await register({
      name: "Too broad", authenticator_type: "custom", client_id: "c", client_secret: "x".repeat(20),
      scopes: ["admin:everything", "all:permissions"], authorize_url: "https://custom-provider.com/oauth/authorize", token_url: "https://custom-provider.com/oauth/token",
    });
    expect(custom.warnings.filter((w) => w.code === "broad_scope").map((w) => w.scope)).toEqual(["admin:everything", "all:permissions"]);
  });

  it("fills per-account URL parts and refuses values that would change the host", async () => {
    const base = { name: "Shop", authenticator_type: "shopify", client_id: "c", client_secret: "x".repeat(20) };
    expect(await failure(register(base))).toMatchObject({ status: 422, code: "missing_connection_config" });
    expect(await failure(register({ ...base, configuration: { connection_config: { shop: "evil.com/x" } } }))).toMatchObject({ status: 422 });
    const created = await register({ ...base, configuration: { connection_config: { shop: "acme-store" } } });
    expect(created.authorize_url).toBe("https://acme-store.myshopify.com/admin/oauth/authorize");
  });
});

describe("permissions", () => {
  it("lets owners and developers write, members only read, outsiders nothing", async () => {
    const outsider = await createUser("outsider");
    const before = await countRows();
    expect(await failure(register({ ...googleExample, name: "by member", redirect_uri: undefined }, member))).toMatchObject({ status: 403, code: "insufficient_role" });
    expect(await failure(register({ ...googleExample, name: "by outsider", redirect_uri: undefined }, outsider))).toMatchObject({ status: 404, code: "app_not_found" });
    expect(await countRows()).toBe(before);
    expect((await listAuthenticators({ ctx: sessionCtx(member), input: { appId } })).length).toBeGreaterThan(0);
    expect(await failure(getAuthenticatorOrThrow({ ctx: sessionCtx(outsider), authenticatorId: "google" }))).toMatchObject({ status: 404, code: "authenticator_not_found" });
    expect(await failure(deleteAuthenticator({ ctx: sessionCtx(member), authenticatorId: "google" }))).toMatchObject({ status: 403 });
  });

  it("needs authenticators:write on an API key to register, authenticators:read to list", async () => {
    const input = parseRegistrationOrThrow({ ...googleExample, name: "by key", redirect_uri: undefined, app_id: appId }) as RegisterAuthenticatorInput;
    expect(await failure(registerAuthenticator({ ctx: apiKeyCtx(developer, ["authenticators:read"]), input }))).toMatchObject({ status: 403, code: "insufficient_scope" });
    expect(await failure(listAuthenticators({ ctx: apiKeyCtx(developer, ["tokens:read"]), input: { appId } }))).toMatchObject({ status: 403, code: "insufficient_scope" });
    const viaKey = await registerAuthenticator({ ctx: apiKeyCtx(developer, ["authenticators:write"]), input });
    expect(viaKey.name).toBe("by key");
  });
});

describe("updating and deleting", () => {
  it("updates only the scopes, rotates the secret, disables, and records each change without the secret", async () => {
    const id = "google";
    const updated = await updateAuthenticator({ ctx: sessionCtx(owner), authenticatorId: id, input: { scopes: ["openid", "email"] } });
    expect(updated.scopes).toEqual(["openid", "email"]);
    expect(updated.client_id).toBe(googleExample.client_id);

    const rotated = await updateAuthenticator({ ctx: sessionCtx(owner), authenticatorId: id, input: { client_secret: "GOCSPX-rotated-secret-9876" } });
    expect(rotated.client_secret_hint).toBe("…9876");
    const row = await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: id } });
    expect(decryptSecret(row.clientSecret, { table: "oauth_authenticators", rowId: id, field: "client_secret" })).toBe("GOCSPX-rotated-secret-9876");

    await updateAuthenticator({ ctx: sessionCtx(owner), authenticatorId: id, input: { is_active: false } });
    expect((await listAuthenticators({ ctx: sessionCtx(owner), input: { appId } })).map((a) => a.authenticator_id)).not.toContain(id);
    expect((await listAuthenticators({ ctx: sessionCtx(owner), input: { appId, includeDisabled: true } })).map((a) => a.authenticator_id)).toContain(id);

    const events = await getPrisma().oAuthEvent.findMany({ where: { authenticatorId: id } });
    expect(events.map((e) => e.eventType)).toEqual(["authenticator.created", "authenticator.updated", "authenticator.updated", "authenticator.disabled"]);
    expect(events[2]!.details).toMatchObject({ client_secret_rotated: true, changed: [] });
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/GOCSPX/);
  });

  it("refuses bad updates and changes nothing", async () => {
    const before = await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: "google-2" } });
    process.env.OAUTH_ALLOW_LOOPBACK_PROVIDERS = "false";
    expect(await failure(updateAuthenticator({ ctx: sessionCtx(owner), authenticatorId: "google-2", input: { token_url: "https://127.0.0.1/t" } }))).toMatchObject({ status: 422 });
    expect(await failure(updateAuthenticator({ ctx: sessionCtx(owner), authenticatorId: "google-2", input: { name: "Google" } }))).toMatchObject({ status: 409 });
    expect(await failure(updateAuthenticator({ ctx: sessionCtx(owner), authenticatorId: "nope", input: { name: "x" } }))).toMatchObject({ status: 404, code: "authenticator_not_found" });
    expect(await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: "google-2" } })).toEqual(before);
  });

  it("deletes with an audit event", async () => {
    await deleteAuthenticator({ ctx: sessionCtx(owner), authenticatorId: "google-2" });
    expect(await getPrisma().oAuthAuthenticator.count({ where: { authenticatorId: "google-2" } })).toBe(0);
    expect(await getPrisma().oAuthEvent.findFirst({ where: { authenticatorId: "google-2", eventType: "authenticator.deleted" } })).toBeTruthy();
  });
});
