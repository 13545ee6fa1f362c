import { describe, expect, it } from "vitest";
import { normalizeTokenBody } from "./normalize-token-response";
import { missingScopes, parseScopeString } from "./scopes";

const noIssuer = { issuer: undefined };

describe("token response dialects", () => {
  it("turns GitHub's HTTP 200 error into an error response", () => {
    expect(normalizeTokenBody(200, { error: "bad_verification_code", error_description: "expired" }, noIssuer)).toEqual({
      status: 400, json: { error: "bad_verification_code", error_description: "expired" },
    });
  });

  it("fills a missing token_type and parses a string expires_in", () => {
    const { json } = normalizeTokenBody(200, { access_token: "gho_x", expires_in: "28800", scope: "repo,user" }, noIssuer);
    expect(json).toMatchObject({ access_token: "gho_x", token_type: "bearer", expires_in: 28800, scope: "repo,user" });
  });

  it("unwraps Slack's authed_user and its ok:false errors", () => {
    const ok = normalizeTokenBody(200, { ok: true, team: { id: "T1" }, authed_user: { id: "U1", access_token: "xoxp-1", token_type: "user", scope: "chat:write" } }, noIssuer);
    expect(ok.json).toMatchObject({ access_token: "xoxp-1", token_type: "bearer", scope: "chat:write" });
    expect(normalizeTokenBody(200, { ok: false, error: "invalid_code" }, noIssuer)).toEqual({ status: 400, json: { error: "invalid_code" } });
  });

  it("reads GitHub's and Slack's refused refresh tokens as invalid_grant, and a lifetime of 0 as none", () => {
    expect(normalizeTokenBody(200, { error: "bad_refresh_token", error_description: "The refresh token passed is incorrect or expired." }, noIssuer).json).toMatchObject({ error: "invalid_grant" });
    expect(normalizeTokenBody(200, { ok: false, error: "invalid_refresh_token" }, noIssuer).json).toEqual({ error: "invalid_grant" });
    expect(normalizeTokenBody(200, { ok: false, error: "invalid_auth" }, noIssuer).json).toEqual({ error: "invalid_auth" });
    for (const expires_in of [0, -5, "0", "soon"]) {
      expect(normalizeTokenBody(200, { access_token: "a", token_type: "Bearer", expires_in }, noIssuer).json).not.toHaveProperty("expires_in");
    }
    expect(normalizeTokenBody(200, { access_token: "a", token_type: "Bearer", expires_in: 3599.5 }, noIssuer).json).toMatchObject({ expires_in: 3599 });
  });

  it("drops an ID token that cannot be checked against a known issuer", () => {
    expect(normalizeTokenBody(200, { access_token: "a", token_type: "Bearer", id_token: "x.y.z" }, noIssuer).json).not.toHaveProperty("id_token");
    expect(normalizeTokenBody(200, { access_token: "a", token_type: "Bearer", id_token: "x.y.z" }, { issuer: "https://accounts.google.com" }).json).toHaveProperty("id_token");
  });
});

describe("scope comparison", () => {
  it("accepts Google's and Microsoft's renamed scopes and unechoed OpenID scopes", () => {
    expect(missingScopes(["openid", "email", "profile"], ["https://www.googleapis.com/auth/userinfo.email", "https://www.googleapis.com/auth/userinfo.profile", "openid"])).toEqual([]);
    expect(missingScopes(["User.Read", "Mail.Read", "offline_access"], ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Mail.Read"])).toEqual([]);
  });

  it("reports what is missing, and treats an absent scope as everything granted", () => {
    expect(missingScopes(["repo", "read:org"], parseScopeString("repo"))).toEqual(["read:org"]);
    expect(missingScopes(["chat:write", "files:read"], parseScopeString("chat:write,files:read"))).toEqual([]);
    expect(missingScopes(["a"], null)).toEqual([]);
  });
});
