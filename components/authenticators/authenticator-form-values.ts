// The authenticator form's values, how they become the API's input, and how the API's own zod
// schemas (the same ones the route handlers use) and its error details map back onto the fields.
import { toNestErrors } from "@hookform/resolvers";
import type { FieldError, FieldErrors, Resolver } from "react-hook-form";
import type { ApiError } from "@/lib/queries/api-fetch";
import type { PublicAuthenticator } from "@/lib/queries/authenticators";
import {
  registrationSchema,
  updateAuthenticatorSchema,
  type AuthenticatorConfiguration,
  type RegisterAuthenticatorInput,
  type UpdateAuthenticatorInput,
} from "@/lib/schemas/authenticator-fields";
import { connectionFields, CUSTOM_TYPE, previewUrl, type PublicProviderTemplate } from "./provider-catalog";

export type AuthenticatorFormValues = {
  authenticator_type: string;
  name: string;
  client_id: string;
  client_secret: string;
  /** Edit mode: a new secret is sent only after "Replace secret". */
  replace_secret: boolean;
  scopes: string[];
  /** A template's URLs are used unless the developer overrides them. */
  override_urls: boolean;
  authorize_url: string;
  token_url: string;
  configuration: { connection_config: Record<string, string>; issuer: string; revocation_url: string; iss_parameter_supported: boolean };
};

export type FormMode = { kind: "create" } | { kind: "edit"; authenticator: PublicAuthenticator };

/** What the form knows from the templates API: the chosen type's template (once fetched) and which types exist. */
export type TemplateContext = {
  template: PublicProviderTemplate | undefined;
  isKnownType: (type: string) => boolean;
};

export const emptyFormValues: AuthenticatorFormValues = {
  authenticator_type: "",
  name: "",
  client_id: "",
  client_secret: "",
  replace_secret: true,
  scopes: [],
  override_urls: false,
  authorize_url: "",
  token_url: "",
  configuration: { connection_config: {}, issuer: "", revocation_url: "", iss_parameter_supported: false },
};

export function formValuesFrom(a: PublicAuthenticator, template: PublicProviderTemplate | undefined): AuthenticatorFormValues {
  const config = a.configuration.connection_config ?? {};
  // Overridden when the stored URLs are not the template's own (with this account's values).
  const overridden = !!template && (previewUrl(template.authorize_url, config) !== a.authorize_url || previewUrl(template.token_url, config) !== a.token_url);
  return {
    authenticator_type: a.authenticator_type,
    name: a.name,
    client_id: a.client_id,
    client_secret: "",
    replace_secret: false,
    scopes: a.scopes,
    override_urls: overridden,
    authorize_url: a.authorize_url,
    token_url: a.token_url,
    configuration: {
      connection_config: { ...config }, issuer: a.configuration.issuer ?? "", revocation_url: a.configuration.revocation_url ?? "",
      iss_parameter_supported: a.configuration.authorization_response_iss_parameter_supported === true,
    },
  };
}

const isCustom = (values: AuthenticatorFormValues) => values.authenticator_type.trim().toLowerCase() === CUSTOM_TYPE;

/** Whether the URL inputs are on screen (custom providers, or a template with overridden URLs). */
export const urlsEditable = (values: AuthenticatorFormValues) => isCustom(values) || values.override_urls;

/** The configuration to store: the existing one (edit) with the form's parts set or removed. */
function configurationFrom(values: AuthenticatorFormValues, template: PublicProviderTemplate | undefined, base: AuthenticatorConfiguration = {}): AuthenticatorConfiguration {
  const next: AuthenticatorConfiguration = { ...base };
  const fields = connectionFields(template);
  const cc = Object.fromEntries(
    fields.map((f) => [f.name, (values.configuration.connection_config[f.name] ?? "").trim()] as const).filter(([, v]) => v),
  );
  if (Object.keys(cc).length) next.connection_config = cc;
  else delete next.connection_config;
  if (isCustom(values)) {
    for (const key of ["issuer", "revocation_url"] as const) {
      const value = values.configuration[key].trim();
      if (value) next[key] = value;
      else delete next[key];
    }
    // Learned from discovery: the provider promises `iss` on callbacks (RFC 9207).
    if (values.configuration.iss_parameter_supported && next.issuer) next.authorization_response_iss_parameter_supported = true;
    else delete next.authorization_response_iss_parameter_supported;
  }
  return next;
}

/** The POST body. */
export function toRegistration(values: AuthenticatorFormValues, appId: string, template: PublicProviderTemplate | undefined): Record<string, unknown> {
  const urls = urlsEditable(values);
  const configuration = configurationFrom(values, template);
  return {
    name: values.name,
    authenticator_type: values.authenticator_type,
    client_id: values.client_id,
    client_secret: values.client_secret,
    scopes: values.scopes,
    app_id: appId,
    ...(urls && values.authorize_url.trim() ? { authorize_url: values.authorize_url.trim() } : {}),
    ...(urls && values.token_url.trim() ? { token_url: values.token_url.trim() } : {}),
    ...(Object.keys(configuration).length ? { configuration } : {}),
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The PATCH body: only what differs from the stored authenticator. */
export function toUpdate(values: AuthenticatorFormValues, current: PublicAuthenticator, template: PublicProviderTemplate | undefined): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (values.name.trim() !== current.name) patch.name = values.name;
  if (values.client_id.trim() !== current.client_id) patch.client_id = values.client_id;
  if (values.replace_secret) patch.client_secret = values.client_secret;
  if (!sameJson(values.scopes, current.scopes)) patch.scopes = values.scopes;
  const configuration = configurationFrom(values, template, current.configuration);
  // Back to the template's URLs after an override: send them, since an absent URL means "unchanged".
  const urls = urlsEditable(values)
    ? { authorize_url: values.authorize_url.trim(), token_url: values.token_url.trim() }
    : template
      ? {
          authorize_url: previewUrl(template.authorize_url, configuration.connection_config ?? {}),
          token_url: previewUrl(template.token_url, configuration.connection_config ?? {}),
        }
      : null;
  if (urls && !urls.authorize_url.includes("{") && urls.authorize_url !== current.authorize_url) patch.authorize_url = urls.authorize_url;
  if (urls && !urls.token_url.includes("{") && urls.token_url !== current.token_url) patch.token_url = urls.token_url;
  if (!sameJson(configuration, current.configuration)) patch.configuration = configuration;
  return patch;
}

type Issue = { path: string; message: string };

// One schema per list of known types (the form's context keeps its predicate stable).
const registrationSchemas = new WeakMap<TemplateContext["isKnownType"], ReturnType<typeof registrationSchema>>();
function registrationFor(isKnownType: TemplateContext["isKnownType"]) {
  let schema = registrationSchemas.get(isKnownType);
  if (!schema) registrationSchemas.set(isKnownType, (schema = registrationSchema(isKnownType)));
  return schema;
}

const FRIENDLY_REQUIRED: Record<string, string> = {
  name: "Enter a display name, e.g. Google",
  client_id: "Enter the client ID from the provider's console",
  client_secret: "Enter the client secret from the provider's console",
  authorize_url: "Enter the provider's authorization endpoint",
  token_url: "Enter the provider's token endpoint",
};

/** Form field for an API path: "scopes.3" → "scopes"; unknown paths → the form-level error. */
export function fieldFor(path: string | undefined, values: AuthenticatorFormValues, template: PublicProviderTemplate | undefined): string {
  if (!path) return "root.server";
  if (path.startsWith("scopes")) return "scopes";
  if (path === "authorize_url" || path === "token_url") return urlsEditable(values) ? path : "root.server";
  if (["name", "client_id", "client_secret", "authenticator_type"].includes(path)) return path;
  if (path.startsWith("configuration.connection_config.")) {
    const name = path.slice("configuration.connection_config.".length);
    return connectionFields(template).some((f) => f.name === name) ? path : "root.server";
  }
  if (path === "configuration.connection_config") {
    const first = connectionFields(template)[0];
    return first ? `configuration.connection_config.${first.name}` : "root.server";
  }
  if ((path === "configuration.issuer" || path === "configuration.revocation_url") && isCustom(values)) return path;
  return "root.server";
}

const LOCAL_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Why a provider URL can't be used, beyond "is it a URL" (the schema's part). */
export function urlProblem(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === "https:") return null;
  const local = LOCAL_HOSTS.test(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol === "http:" && local) return null;
  if (url.protocol === "http:") {
    return "Use https://. Plain http:// is accepted only for an authorization server on this machine (localhost, 127.0.0.1) in development.";
  }
  return `Use an https:// URL; ${url.protocol} can't carry OAuth requests. (http:// is accepted only for a local development server.)`;
}

function validate(values: AuthenticatorFormValues, mode: FormMode, appId: string, context: TemplateContext): Issue[] {
  const { template } = context;
  const issues: Issue[] = [];
  const add = (path: string, message: string) => {
    if (!issues.some((i) => i.path === path)) issues.push({ path, message });
  };
  // The schema checks these only once everything else is valid (and in API words): check them first.
  if (isCustom(values)) {
    if (!values.authorize_url.trim()) add("authorize_url", "Required for a custom provider (or discover it from the issuer)");
    if (!values.token_url.trim()) add("token_url", "Required for a custom provider (or discover it from the issuer)");
  }
  const body = mode.kind === "create" ? toRegistration(values, appId, template) : toUpdate(values, mode.authenticator, template);
  const parsed = mode.kind === "create" ? registrationFor(context.isKnownType).safeParse(body) : updateAuthenticatorSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      if (path === "authenticator_type") add(path, "Choose a provider, or Custom provider");
      else if (FRIENDLY_REQUIRED[path] && issue.code === "too_small") add(fieldFor(path, values, template), FRIENDLY_REQUIRED[path]);
      else if (issue.code === "invalid_format") add(fieldFor(path, values, template), "Enter an absolute URL, e.g. https://provider.example/oauth/token");
      else add(fieldFor(path, values, template), issue.message);
    }
  }
  const urlFields: Array<[string, string]> = urlsEditable(values) ? [["authorize_url", values.authorize_url], ["token_url", values.token_url]] : [];
  if (isCustom(values)) urlFields.push(["configuration.issuer", values.configuration.issuer], ["configuration.revocation_url", values.configuration.revocation_url]);
  for (const [path, value] of urlFields) {
    const problem = urlProblem(value.trim());
    if (problem) add(path, problem);
  }
  for (const field of connectionFields(template)) {
    const value = (values.configuration.connection_config[field.name] ?? "").trim();
    const path = `configuration.connection_config.${field.name}`;
    if (!value) {
      if (field.required) add(path, `Required: this provider's URLs include your ${field.label.toLowerCase()}`);
    } else if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value) || value.includes("..")) {
      add(path, "Use letters, digits, dots and hyphens only");
    } else if (field.pattern && !new RegExp(field.pattern).test(value)) {
      add(path, `Doesn't look right${field.example ? `; for example ${field.example}` : ""}`);
    }
  }
  return issues;
}

/** A react-hook-form resolver over the API's schemas plus the checks the server makes on URLs. */
export function authenticatorResolver(mode: FormMode, appId: string, contextFor: (type: string) => TemplateContext): Resolver<AuthenticatorFormValues> {
  return async (values, _context, options) => {
    const issues = validate(values, mode, appId, contextFor(values.authenticator_type));
    if (!issues.length) return { values, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of issues) flat[issue.path] = { type: "validate", message: issue.message };
    return { values: {}, errors: toNestErrors(flat as FieldErrors, options) };
  };
}

/** The validated request body, once the resolver has passed. */
export function toRequest(values: AuthenticatorFormValues, mode: FormMode, appId: string, context: TemplateContext) {
  return mode.kind === "create"
    ? { kind: "create" as const, input: registrationFor(context.isKnownType).parse(toRegistration(values, appId, context.template)) as RegisterAuthenticatorInput }
    : { kind: "edit" as const, input: updateAuthenticatorSchema.parse(toUpdate(values, mode.authenticator, context.template)) as UpdateAuthenticatorInput };
}

/** Each API error detail next to the field it concerns; the rest as the form-level message. */
export function serverErrors(error: ApiError | Error, values: AuthenticatorFormValues, template: PublicProviderTemplate | undefined): Array<{ field: string; message: string }> {
  const details = "details" in error ? error.details : [];
  if (!details.length) {
    const code = "code" in error ? error.code : "";
    return [{ field: code === "authenticator_exists" ? "name" : "root.server", message: error.message }];
  }
  const placed = details.map((d) => ({ field: fieldFor(d.path, values, template), message: d.message }));
  const unplaced = placed.filter((p) => p.field === "root.server").map((p) => p.message);
  const onFields = placed.filter((p) => p.field !== "root.server");
  if (!unplaced.length) return onFields;
  const extra = unplaced.filter((m) => !error.message.includes(m));
  return [{ field: "root.server", message: [error.message, ...extra].join(" ") }, ...onFields];
}
