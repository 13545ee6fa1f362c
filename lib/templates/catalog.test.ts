import { describe, expect, it } from "vitest";
import {
  AUTHENTICATOR_TYPES,
  CUSTOM_TYPE,
  TEMPLATES,
  broadScopeWarnings,
  connectionConfigVariables,
  getTemplate,
  resolveTemplate,
  resolveTemplateUrl,
} from "./catalog";
import { apiTokenHeaderSchema } from "../schemas/authenticator-fields";
import { proxyDropsRequestHeader } from "../schemas/proxy-headers";
import { labelFor, toCommunityTemplate } from "./community-mapping";
import type { ProviderTemplate } from "./types";

function dummyConfig(template: ProviderTemplate): Record<string, string> {
  return Object.fromEntries(template.connectionConfig.map((field) => [field.name, field.example ?? "example"]));
}

function urlsOf(template: ProviderTemplate): string[] {
  const urls = [template.authorizeUrl, template.tokenUrl];
  if ("url" in template.revocation) urls.push(template.revocation.url);
  if (template.userinfoUrl) urls.push(template.userinfoUrl);
  if (template.issuer) urls.push(template.issuer);
  if (template.apiBaseUrl) urls.push(template.apiBaseUrl);
  return urls;
}

const mustGet = (type: string) => {
  const template = getTemplate(type);
  if (!template) throw new Error(`no template ${type}`);
  return template;
};

describe("template catalogue", () => {
  it("has at least 250 templates, first-class ones first", () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(250);
    expect(TEMPLATES.slice(0, 4).map((t) => t.type)).toEqual(["google", "microsoft", "github", "slack"]);
    const tiers = TEMPLATES.map((t) => t.tier);
    expect(tiers.filter((tier) => tier === "verified").length).toBeGreaterThanOrEqual(22);
    expect(tiers.lastIndexOf("first-class")).toBeLessThan(tiers.indexOf("verified"));
    expect(tiers.lastIndexOf("verified")).toBeLessThan(tiers.indexOf("community"));
  });

  it("has unique lowercase types and no template for custom", () => {
    const types = TEMPLATES.map((t) => t.type.toLowerCase());
    expect(new Set(types).size).toBe(types.length);
    for (const template of TEMPLATES) expect(template.type).toBe(template.type.toLowerCase());
    expect(types).not.toContain(CUSTOM_TYPE);
    expect(getTemplate("custom")).toBeUndefined();
    expect(AUTHENTICATOR_TYPES).toContain(CUSTOM_TYPE);
    expect(AUTHENTICATOR_TYPES.length).toBe(TEMPLATES.length + 1);
  });

  it("finds templates case-insensitively", () => {
    expect(getTemplate("GitHub")?.type).toBe("github");
    expect(getTemplate("nope")).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => [t.type, t] as const))("%s has absolute https URLs once configured", (_type, template) => {
    const config = dummyConfig(template);
    for (const url of urlsOf(template)) {
      const resolved = resolveTemplateUrl(url, config, template.connectionConfig);
      expect(new URL(resolved).protocol).toBe("https:");
      expect(resolved).not.toContain("${");
    }
    // Parameter values with placeholders must fill in too.
    const resolved = resolveTemplate(template, config);
    expect(JSON.stringify([resolved.authorizationParams, resolved.tokenParams])).not.toContain("${");
  });

  it("declares every connection-config variable a template uses, with usable examples", () => {
    for (const template of TEMPLATES) {
      const declared = template.connectionConfig.map((field) => field.name);
      for (const name of connectionConfigVariables(template)) expect(declared, template.type).toContain(name);
      for (const field of template.connectionConfig) {
        expect(field.label, template.type).not.toBe("");
        if (field.pattern && field.example) expect(field.example).toMatch(new RegExp(field.pattern));
      }
    }
  });

  it("uses known scope separators and token auth methods", () => {
    for (const template of TEMPLATES) {
      expect([" ", ",", "+"], template.type).toContain(template.scopeSeparator);
      expect(["client_secret_post", "client_secret_basic"], template.type).toContain(template.tokenAuthMethod);
    }
  });

  it("never carries parameters the platform sets itself", () => {
    for (const template of TEMPLATES) {
      for (const params of [template.authorizationParams, template.tokenParams]) {
        for (const name of ["response_type", "grant_type", "redirect_uri", "client_id", "client_secret", "scope"]) {
          expect(params, template.type).not.toHaveProperty(name);
        }
      }
    }
  });

  it("gives the proxy only headers it may send: the token's by configuration.api_token_header's rule, defaults it forwards, no line breaks", () => {
    const withHeaders = TEMPLATES.filter((t) => t.apiTokenHeader || t.apiHeaders);
    expect(withHeaders.map((t) => t.type).sort()).toEqual(["notion", "shopify", "twitch"]);
    for (const t of withHeaders) {
      if (t.apiTokenHeader) expect(apiTokenHeaderSchema.safeParse(t.apiTokenHeader).success, t.type).toBe(true);
      for (const [name, value] of Object.entries(t.apiHeaders ?? {})) {
        expect(proxyDropsRequestHeader(name.toLowerCase()), `${t.type}: ${name}`).toBe(false);
        expect(name.toLowerCase(), t.type).not.toBe((t.apiTokenHeader?.name ?? "authorization").toLowerCase());
        expect(value, `${t.type}: ${name}`).toMatch(/^[^\r\n]{1,200}$/);
        expect(value.replaceAll("${clientId}", ""), `${t.type}: only \${clientId} is filled in`).not.toContain("${");
      }
    }
  });

  it("only bundles scopes the template knows", () => {
    for (const template of TEMPLATES) {
      const known = new Set([...template.scopes.map((s) => s.name), ...template.defaultScopes]);
      const ids = template.scopeBundles.map((bundle) => bundle.id);
      expect(new Set(ids).size, template.type).toBe(ids.length);
      for (const bundle of template.scopeBundles) {
        for (const scope of bundle.scopes) expect(known.has(scope), `${template.type}/${bundle.id}: ${scope}`).toBe(true);
      }
    }
  });

  it("gives first-class templates a scope catalogue and bundles", () => {
    for (const template of TEMPLATES.filter((t) => t.tier === "first-class")) {
      expect(template.scopes.length, template.type).toBeGreaterThanOrEqual(5);
      expect(template.scopeBundles.length, template.type).toBeGreaterThanOrEqual(2);
      expect(template.docsUrl, template.type).toBeDefined();
      expect(template.consoleUrl, template.type).toBeDefined();
    }
  });
});

describe("first-class providers", () => {
  it("asks Google for a refresh token", () => {
    const google = mustGet("google");
    expect(google.authorizationParams).toMatchObject({ access_type: "offline", prompt: "consent" });
    expect(google.issuer).toBe("https://accounts.google.com");
    expect(google.revocation.kind).toBe("google");
  });

  it("asks Microsoft for offline_access and pins no issuer on the common endpoint", () => {
    const microsoft = mustGet("microsoft");
    expect(microsoft.defaultScopes).toContain("offline_access");
    expect(microsoft.authorizeUrl).toContain("/common/");
    expect(microsoft.issuer).toBeUndefined();
  });

  it("joins Slack scopes with commas and uses its v2 flow", () => {
    const slack = mustGet("slack");
    expect(slack.scopeSeparator).toBe(",");
    expect(slack.authorizeUrl).toBe("https://slack.com/oauth/v2/authorize");
    expect(slack.revocation).toEqual({ kind: "slack", url: "https://slack.com/api/auth.revoke" });
    expect(slack.quirks?.slackUserScope).toBe(true);
  });

  it("asks GitHub for JSON token responses", () => {
    const github = mustGet("github");
    expect(github.tokenHeaders).toEqual({ Accept: "application/json" });
    expect(github.quirks).toMatchObject({ errorsWithStatus200: true, nonExpiringTokens: true });
    expect(github.revocation.kind).toBe("github");
  });
});

describe("resolveTemplateUrl", () => {
  const shopify = mustGet("shopify");

  it("substitutes a safe value", () => {
    expect(resolveTemplateUrl(shopify.authorizeUrl, { shop: "my-shop" })).toBe(
      "https://my-shop.myshopify.com/admin/oauth/authorize",
    );
  });

  it.each(["evil.com/x", "a..b", "x@y", "", "-shop", "shop.", "a b", "a#b", "a?b", "a:1"])("rejects %j", (shop) => {
    expect(() => resolveTemplateUrl(shopify.authorizeUrl, { shop })).toThrow(Error);
  });

  it("names a missing variable", () => {
    expect(() => resolveTemplateUrl(shopify.authorizeUrl, {})).toThrow(/shop/);
  });

  it("checks declared field patterns when given the fields", () => {
    expect(() => resolveTemplateUrl(shopify.authorizeUrl, { shop: "a.b" }, shopify.connectionConfig)).toThrow(/shop/);
  });

  it("ignores inherited properties of the config object", () => {
    expect(() => resolveTemplateUrl("https://${connectionConfig.toString}.example.com", {})).toThrow(/toString/);
  });
});

describe("resolveTemplate", () => {
  it("fills in every URL, the issuer and parameter values", () => {
    const auth0 = resolveTemplate(mustGet("auth0"), { tenant: "acme.us" });
    expect(auth0.issuer).toBe("https://acme.us.auth0.com/");
    expect(auth0.revocation).toEqual({ kind: "rfc7009", url: "https://acme.us.auth0.com/oauth/revoke" });
    expect(auth0.userinfoUrl).toBe("https://acme.us.auth0.com/userinfo");
    const bigcommerce = resolveTemplate(mustGet("bigcommerce"), { storeHash: "abc123", accountUuid: "u-1" });
    expect(Object.values(bigcommerce.authorizationParams).join(" ")).not.toContain("${");
    expect(bigcommerce.authorizationParams.context).toBe("stores/abc123");
  });

  it("enforces declared patterns", () => {
    expect(() => resolveTemplate(mustGet("auth0"), { tenant: "evil.com" })).toThrow(/tenant/);
  });
});

describe("broadScopeWarnings", () => {
  it("flags the template's own broad scopes", () => {
    expect(broadScopeWarnings("google", ["https://mail.google.com/"])).toEqual([
      { scope: "https://mail.google.com/", reason: "Full access to the mailbox: read, send and delete all mail" },
    ]);
    expect(broadScopeWarnings("github", ["read:user", "repo"]).map((w) => w.scope)).toEqual(["repo"]);
    expect(broadScopeWarnings("microsoft", ["Files.ReadWrite.All"]).map((w) => w.scope)).toEqual(["Files.ReadWrite.All"]);
  });

  it("flags generic broad shapes for any type", () => {
    for (const type of ["custom", "google", "some-unknown-type"]) {
      const warnings = broadScopeWarnings(type, ["admin:everything", "all:permissions"]);
      expect(warnings.map((w) => w.scope)).toEqual(["admin:everything", "all:permissions"]);
      for (const warning of warnings) expect(warning.reason).not.toBe("");
    }
    expect(broadScopeWarnings("custom", ["admin", "repo:admin", "read:all", "Sites.Read.All", "full_access", "*", "*:*"])).toHaveLength(7);
  });

  it("flags nothing for minimal scopes", () => {
    expect(broadScopeWarnings("google", ["profile", "email"])).toEqual([]);
    expect(broadScopeWarnings("custom", ["profile", "email", "read:user", "channels:read"])).toEqual([]);
  });
});

describe("community mapping", () => {
  it("derives labels from variable names", () => {
    expect(labelFor("subdomain")).toBe("Subdomain");
    expect(labelFor("portalRoute")).toBe("Portal route");
    expect(labelFor("instance_url")).toBe("Instance URL");
  });

  it("maps a reference row", () => {
    const template = toCommunityTemplate({
      key: "acme",
      displayName: "Acme",
      authorizationUrl: "https://${connectionConfig.subdomain}.acme.com/oauth/authorize",
      tokenUrl: "https://${connectionConfig.subdomain}.acme.com/oauth/token",
      scopeSeparator: "|",
      defaultScopes: ["read"],
      authorizationParams: { response_type: "code", nonce: "fixed", scope: "write", prompt: "consent" },
      tokenParams: { grant_type: "authorization_code" },
      disablePkce: true,
      connectionConfig: ["subdomain", "apiKey"],
    });
    expect(template).toMatchObject({
      tier: "community",
      scopeSeparator: " ",
      defaultScopes: ["read", "write"],
      authorizationParams: { prompt: "consent" },
      tokenParams: {},
      pkce: false,
      revocation: { kind: "none" },
      connectionConfig: [{ name: "subdomain", label: "Subdomain" }],
      scopes: [
        { name: "read", description: "Requested by default" },
        { name: "write", description: "Requested by default" },
      ],
      scopeBundles: [],
    });
  });
});
