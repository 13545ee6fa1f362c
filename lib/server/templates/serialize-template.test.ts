import { describe, expect, it } from "vitest";
import { providerTemplateSchema, templateSummarySchema } from "../../schemas/templates";
import { getTemplate, TEMPLATES } from "../../templates/catalog";
import { AppError } from "../errors";
import { getTemplateOrThrow } from "./get-template";
import { listTemplates } from "./list-templates";
import { serializeTemplate, serializeTemplateSummary } from "./serialize-template";

const mustGet = (type: string) => {
  const template = getTemplate(type);
  if (!template) throw new Error(`no template ${type}`);
  return template;
};

// Keys that are data, spelled as the provider spells them (parameter and header names).
const DATA_KEYS = new Set(["authorization_params", "token_params", "token_headers", "api_headers"]);

/** Every object key outside the data maps, with its path. */
function keysOf(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keysOf(item, `${path}[${i}]`));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [`${path}${key}`, ...(DATA_KEYS.has(key) ? [] : keysOf(child, `${path}${key}.`))]);
}

describe("templates in snake_case", () => {
  it("summarises a template", () => {
    expect(serializeTemplateSummary(mustGet("zendesk"))).toEqual({
      type: "zendesk",
      display_name: "Zendesk",
      tier: "verified",
      category: "support",
      connection_config: ["subdomain"],
      scope_count: 8,
      configurable_host: false,
    });
    expect(serializeTemplateSummary(mustGet("absorb-lms")).configurable_host).toBe(true);
    expect(serializeTemplateSummary(mustGet("servicenow")).configurable_host).toBe(false);
  });

  it.each(TEMPLATES.map((t) => [t.type, t] as const))("%s: matches the response schemas exactly, every key snake_case", (_type, template) => {
    const summary = serializeTemplateSummary(template);
    const full = serializeTemplate(template);
    // zod drops keys it does not know: equality means no field outside the schema.
    expect(templateSummarySchema.parse(summary)).toEqual(summary);
    expect(providerTemplateSchema.parse(full)).toEqual(full);
    const camel = [...keysOf(summary), ...keysOf(full)].filter((path) => /[A-Z]/.test(path.split(".").at(-1)!));
    expect(camel).toEqual([]);
    expect(full.scopes).toHaveLength(template.scopes.length);
    expect(full.connection_config.map((f) => f.name)).toEqual(template.connectionConfig.map((f) => f.name));
  });

  it("carries every field of a first-class template, nested objects too", () => {
    const google = serializeTemplate(mustGet("google"));
    expect(google).toMatchObject({
      type: "google",
      display_name: "Google",
      tier: "first-class",
      authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
      token_url: "https://oauth2.googleapis.com/token",
      revocation: { kind: "google", url: "https://oauth2.googleapis.com/revoke" },
      userinfo_url: "https://openidconnect.googleapis.com/v1/userinfo",
      issuer: "https://accounts.google.com",
      scope_separator: " ",
      default_scopes: ["openid", "email", "profile"],
      authorization_params: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
      token_params: {},
      token_auth_method: "client_secret_post",
      pkce: true,
      connection_config: [],
      configurable_host: false,
      api_base_url: "https://www.googleapis.com",
      console_url: "https://console.cloud.google.com/apis/credentials",
    });
    expect(google.scopes).toContainEqual({ name: "openid", description: "Sign the user in with OpenID Connect (ID token)", use_case: "User identification" });
    expect(google.scopes.find((s) => s.name === "https://mail.google.com/")).toMatchObject({ broad: true, use_case: "Full IMAP/SMTP clients only" });
    expect(google.scope_bundles[0]).toEqual({
      id: "basic-profile",
      label: "Basic profile",
      description: "Sign-in: name, picture and email address",
      scopes: ["openid", "profile", "email"],
    });
    expect(google).not.toHaveProperty("quirks");

    const github = serializeTemplate(mustGet("github"));
    expect(github.revocation).toEqual({ kind: "github" });
    expect(github.token_headers).toEqual({ Accept: "application/json" });
    expect(github.quirks).toEqual({ errors_with_status_200: true, non_expiring_tokens: true });
    expect(serializeTemplate(mustGet("slack")).quirks).toEqual({ slack_user_scope: true, non_expiring_tokens: true });
    // How the proxy calls the API, where it is not plain Authorization: Bearer.
    expect(serializeTemplate(mustGet("shopify")).api_token_header).toEqual({ name: "X-Shopify-Access-Token" });
    expect(serializeTemplate(mustGet("twitch")).api_headers).toEqual({ "Client-Id": "${clientId}" });
    expect(github).not.toHaveProperty("api_token_header");
  });

  it("marks the connection-config fields the URLs need", () => {
    const shopify = serializeTemplate(mustGet("shopify"));
    expect(shopify.connection_config).toEqual([
      { name: "shop", label: "Shop (the part before .myshopify.com)", example: "my-shop", pattern: "^[a-zA-Z0-9][a-zA-Z0-9-]*$", required: true },
    ]);
    expect(shopify.authorize_url).toBe("https://${connectionConfig.shop}.myshopify.com/admin/oauth/authorize");
    expect(serializeTemplate(mustGet("absorb-lms")).configurable_host).toBe(true);
  });
});

describe("listTemplates and getTemplateOrThrow", () => {
  it("lists every template, first-class first, and filters by search and tier", () => {
    const all = listTemplates({});
    expect(all).toHaveLength(TEMPLATES.length);
    expect(all.slice(0, 4).map((t) => t.type)).toEqual(["google", "microsoft", "github", "slack"]);
    expect(listTemplates({ q: "GOOGLE" }).map((t) => t.type)).toContain("google");
    expect(listTemplates({ q: "Atlassian (Jira" }).map((t) => t.type)).toEqual(["atlassian"]);
    const verified = listTemplates({ tier: "verified" });
    expect(verified.length).toBeGreaterThanOrEqual(22);
    expect(verified.every((t) => t.tier === "verified")).toBe(true);
    expect(listTemplates({ q: "no-such-provider-anywhere" })).toEqual([]);
  });

  it("answers one template in snake_case, or template_not_found", () => {
    expect(getTemplateOrThrow("GitHub")).toMatchObject({ type: "github", display_name: "GitHub", token_url: "https://github.com/login/oauth/access_token" });
    let code = "";
    try {
      getTemplateOrThrow("nope");
    } catch (error) {
      code = error instanceof AppError ? `${error.status} ${error.code}` : String(error);
    }
    expect(code).toBe("404 template_not_found");
  });
});
