// Client-safe helpers for the `${connectionConfig.NAME}` placeholders in template URLs.
import type { ConnectionConfigField, ProviderTemplate } from "./types";

const PLACEHOLDER = /\$\{connectionConfig\.([^}]+)\}/g;

// A value replaces one part of a host or path. Letters, digits, dots and hyphens only, so it can't
// add a path, port, userinfo (`x@y`), query or fragment and move the request to another host.
const SAFE_VALUE = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** Names of the `${connectionConfig.NAME}` placeholders in a string, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Every string of a template that may carry placeholders: URLs, the issuer and parameter values. */
export function templateStrings(template: ProviderTemplate): string[] {
  const strings = [template.authorizeUrl, template.tokenUrl];
  if ("url" in template.revocation) strings.push(template.revocation.url);
  if (template.userinfoUrl) strings.push(template.userinfoUrl);
  if (template.issuer) strings.push(template.issuer);
  if (template.apiBaseUrl) strings.push(template.apiBaseUrl);
  strings.push(...Object.values(template.authorizationParams), ...Object.values(template.tokenParams));
  return strings;
}

/** The connection-config variables a template uses anywhere, in order of first use. */
export function connectionConfigVariables(template: ProviderTemplate): string[] {
  return [...new Set(templateStrings(template).flatMap(placeholdersIn))];
}

function assertSafeValue(name: string, value: string): void {
  if (!SAFE_VALUE.test(value) || value.includes("..")) {
    throw new Error(
      `Invalid value for connection config "${name}": use letters, digits, dots and hyphens only, ` +
        `not starting or ending with a dot or hyphen`,
    );
  }
}

/**
 * Substitutes `${connectionConfig.NAME}` placeholders in any template string (a URL or a parameter
 * value). Throws when a variable is missing or its value could change which host a URL points at;
 * `fields` adds each declared field's own pattern check.
 */
export function fillPlaceholders(
  text: string,
  config: Record<string, string>,
  fields: readonly ConnectionConfigField[] = [],
): string {
  const filled = text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(config, name) ? config[name] : undefined;
    if (value === undefined || value === "") {
      throw new Error(`Missing connection config value "${name}"`);
    }
    assertSafeValue(name, value);
    const pattern = fields.find((field) => field.name === name)?.pattern;
    if (pattern && !new RegExp(pattern).test(value)) {
      throw new Error(`Invalid value for connection config "${name}": does not match ${pattern}`);
    }
    return value;
  });
  // A `${…}` left over is a placeholder in some other syntax that nothing will ever fill in.
  if (filled.includes("${")) throw new Error(`Unresolved placeholder in ${filled}`);
  return filled;
}

/** Fills in a template URL (see fillPlaceholders) and checks the result is an absolute https URL. */
export function resolveTemplateUrl(
  url: string,
  config: Record<string, string>,
  fields: readonly ConnectionConfigField[] = [],
): string {
  const resolved = fillPlaceholders(url, config, fields);
  let parsed: URL;
  try {
    parsed = new URL(resolved);
  } catch {
    throw new Error(`Not an absolute URL after substitution: ${resolved}`);
  }
  if (parsed.protocol !== "https:") throw new Error(`Not an https URL: ${resolved}`);
  return resolved;
}

/**
 * The template with every placeholder filled in: URLs, revocation, userinfo, issuer and parameter
 * values. The protocol adapter should work from this, so that no `${connectionConfig.…}` reaches a
 * provider and per-account issuers (Okta, Auth0) validate.
 */
export function resolveTemplate(template: ProviderTemplate, config: Record<string, string>): ProviderTemplate {
  const fields = template.connectionConfig;
  const url = (value: string) => resolveTemplateUrl(value, config, fields);
  const params = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, fillPlaceholders(value, config, fields)]));
  const revocation = "url" in template.revocation ? { ...template.revocation, url: url(template.revocation.url) } : template.revocation;
  return {
    ...template,
    authorizeUrl: url(template.authorizeUrl),
    tokenUrl: url(template.tokenUrl),
    revocation,
    ...(template.userinfoUrl ? { userinfoUrl: url(template.userinfoUrl) } : {}),
    ...(template.issuer ? { issuer: url(template.issuer) } : {}),
    ...(template.apiBaseUrl ? { apiBaseUrl: url(template.apiBaseUrl) } : {}),
    authorizationParams: params(template.authorizationParams),
    tokenParams: params(template.tokenParams),
  };
}

/** True when a `${connectionConfig.…}` variable makes up the URL's whole host. */
export function hostIsVariable(url: string): boolean {
  return /^https:\/\/\$\{connectionConfig\.[^}]+\}(?:[/:]|$)/.test(url);
}

/**
 * True when a variable makes up the whole host of the authorize or token URL (self-hosted and
 * per-region providers). Whoever supplies that value chooses where the client secret is sent, so it
 * should come from the developer registering the authenticator, never from an end user.
 */
export function hasConfigurableHost(template: ProviderTemplate): boolean {
  return hostIsVariable(template.authorizeUrl) || hostIsVariable(template.tokenUrl);
}
