import { describe, expect, it } from "vitest";
import { parseRegistration } from "../../../schemas/authenticators";
import { idFromRedirectUri, secretVariable, stringifySpec, toSpecFile, type RemoteAuthenticator } from "./spec-file";

const google: RemoteAuthenticator = {
  authenticator_id: "google-2",
  name: "Google",
  authenticator_type: "google",
  client_id: "123456789-abcdef.apps.googleusercontent.com",
  client_secret_hint: "…here",
  client_secret_fingerprint: "scrypt$32768$8$3$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
  scopes: ["openid", "email"],
  authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
  token_url: "https://oauth2.googleapis.com/token",
  redirect_uri: "https://fw.example.com/auth/callback/google-2",
  configuration: { token_params: { b: "2", a: "1" }, pkce: true },
  is_active: false,
  connections_count: 3,
};

describe("export's files", () => {
  it("name the secret's variable after the id", () => {
    expect(secretVariable("google")).toBe("GOOGLE_CLIENT_SECRET");
    expect(secretVariable("custom-provider-2")).toBe("CUSTOM_PROVIDER_2_CLIENT_SECRET");
    expect(secretVariable("1password")).toBe("_1PASSWORD_CLIENT_SECRET");
  });

  it("are byte for byte the same for the same authenticator: fixed field order, sorted configuration, no secret", () => {
    const text = stringifySpec(toSpecFile(google));
    expect(text).toBe(`{
  "name": "Google",
  "authenticator_type": "google",
  "client_id": "123456789-abcdef.apps.googleusercontent.com",
  "client_secret": "\${GOOGLE_2_CLIENT_SECRET}",
  "scopes": [
    "openid",
    "email"
  ],
  "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
  "token_url": "https://oauth2.googleapis.com/token",
  "redirect_uri": "https://fw.example.com/auth/callback/google-2",
  "configuration": {
    "pkce": true,
    "token_params": {
      "a": "1",
      "b": "2"
    }
  },
  "is_active": false
}
`);
    const shuffled = { ...google, configuration: { pkce: true, token_params: { a: "1", b: "2" } } };
    expect(stringifySpec(toSpecFile(shuffled))).toBe(text);
    expect(text).not.toMatch(/fingerprint|scrypt|…here|connections/);
  });

  it("keep a ${VAR} reference the file already had, and never a literal value", () => {
    expect(toSpecFile(google, "${GOOGLE_SECRET}").client_secret).toBe("${GOOGLE_SECRET}");
    expect(toSpecFile(google, "${PREFIX}${REST}").client_secret).toBe("${PREFIX}${REST}");
    expect(toSpecFile(google, "GOCSPX-literal").client_secret).toBe("${GOOGLE_2_CLIENT_SECRET}");
    expect(toSpecFile(google, "GOCSPX-${PART}").client_secret).toBe("${GOOGLE_2_CLIENT_SECRET}");
  });

  it("are valid registrations for the API's own schema (is_active aside)", () => {
    const { is_active: _, ...body } = JSON.parse(stringifySpec(toSpecFile(google)).replace("${GOOGLE_2_CLIENT_SECRET}", "s3cret"));
    const parsed = parseRegistration(body);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  });

  it("carry their id in redirect_uri", () => {
    expect(idFromRedirectUri("https://fw.example.com/auth/callback/google-2")).toBe("google-2");
    expect(idFromRedirectUri("https://fw.example.com/callback/google")).toBeNull();
    expect(idFromRedirectUri("not a url")).toBeNull();
  });
});
