import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getToken } from "@/app/api/v1/credentials/connections/[authenticatorId]/token/route";
import { createApiKey } from "../api-keys/create-api-key";
import { getPrisma } from "../db/client";
import { logger } from "../logger";
import { sessionCtx } from "../../testing/factories";
import { startOAuthHarness } from "../../testing/oauth-harness";
import { encryptSecret, parseKeyRing } from "./encryption";

// A stored secret that no longer decrypts (altered in the database, or its key removed from
// FIBERWISE_ENCRYPTION_KEYS) must answer through the real route as 409 secret_unreadable with a
// remedy, never a 500 and never the value or key; the operator gets one log line naming the row.

let harness: Awaited<ReturnType<typeof startOAuthHarness>>;
let authenticatorId = "";
let apiKey = "";

beforeAll(async () => {
  harness = await startOAuthHarness([{ name: "unreadable" }]);
  authenticatorId = await harness.register("unreadable", ["openid", "offline_access"], { issuer: harness.provider.issuer });
  const { result } = await harness.connect(authenticatorId);
  expect(result.searchParams.get("status")).toBe("success");
  apiKey = (await createApiKey({ ctx: sessionCtx(harness.owner), input: { name: "agent", scopes: ["tokens:read"] } })).key;
});
afterAll(() => harness.provider.stop());

async function askForToken(query = "") {
  const req = new Request(`http://localhost:3000/api/v1/credentials/connections/${authenticatorId}/token${query}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const response = await getToken(req, { params: Promise.resolve({ authenticatorId }) });
  return { status: response.status, text: await response.text() };
}

async function grantRow() {
  return (await harness.connection(authenticatorId))!.grant!;
}

async function expectUnreadable(query: string, remedy: RegExp, stored: string, where: Record<string, string>) {
  const warn = vi.spyOn(logger, "warn");
  try {
    const { status, text } = await askForToken(query);
    expect(status).toBe(409);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("secret_unreadable");
    expect(body.error.message).toMatch(remedy);
    expect(text).not.toContain(stored);
    expect(text).not.toMatch(/FIBERWISE_ENCRYPTION_KEYS|stack|at \w+ \(/);
    const logged = warn.mock.calls.filter(([fields]) => (fields as { code?: string })?.code === "secret_unreadable");
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toMatchObject(where);
    expect(JSON.stringify(logged[0])).not.toContain(stored);
  } finally {
    warn.mockRestore();
  }
}

describe("an unreadable stored secret, through GET …/token", () => {
  it("serves the token while the secret is intact", async () => {
    expect((await askForToken()).status).toBe(200);
  });

  it("answers 409 secret_unreadable when the access token's ciphertext was altered", async () => {
    const grant = await grantRow();
    const parts = grant.accessToken.split(":");
    parts[3] = `${parts[3]!.startsWith("A") ? "B" : "A"}${parts[3]!.slice(1)}`;
    const altered = parts.join(":");
    await getPrisma().oAuthTokenGrant.update({ where: { grantId: grant.grantId }, data: { accessToken: altered } });
    await expectUnreadable("", /Reconnect the account/, altered, { table: "oauth_token_grants", row_id: grant.grantId, field: "access_token" });
  });

  it("answers 409 secret_unreadable when the key it was encrypted under is no longer configured", async () => {
    const grant = await grantRow();
    const removedKey = parseKeyRing(`removed:${Buffer.alloc(32, 7).toString("base64")}`);
    const { ciphertext } = encryptSecret("ya29.token-under-a-removed-key", { table: "oauth_token_grants", rowId: grant.grantId, field: "access_token" }, removedKey);
    await getPrisma().oAuthTokenGrant.update({ where: { grantId: grant.grantId }, data: { accessToken: ciphertext, encryptionKeyId: "removed" } });
    await expectUnreadable("", /Reconnect the account/, ciphertext, { table: "oauth_token_grants", field: "access_token", key_id: "removed" });
  });

  it("asks for the client secret to be re-entered when the authenticator's secret is unreadable (refresh)", async () => {
    const row = await getPrisma().oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId } });
    // Flip the first character of the ciphertext part (the last character of base64url may only
    // carry padding bits, so changing it can leave the bytes as they were).
    const parts = row.clientSecret.split(":");
    parts[3] = `${parts[3]!.startsWith("A") ? "B" : "A"}${parts[3]!.slice(1)}`;
    const altered = parts.join(":");
    await getPrisma().oAuthAuthenticator.update({ where: { authenticatorId }, data: { clientSecret: altered } });
    // Not refreshed in the last seconds, so force_refresh does call the provider (and needs the secret).
    await getPrisma().oAuthTokenGrant.updateMany({ where: { authenticatorId }, data: { lastRefreshedAt: new Date(Date.now() - 3600_000) } });
    await expectUnreadable("?force_refresh=true", /Re-enter the authenticator's client secret/, altered, {
      table: "oauth_authenticators", row_id: authenticatorId, field: "client_secret",
    });
  });
});
