import { CliError } from "./errors";
import { readAuthenticatorConfig, validateRegistration } from "./config-file";
import { hintFor } from "./hints";

// Request bodies for the authenticator verbs, built from a config file and/or flags and checked
// locally with the API's own schemas before anything is sent.

export type RegisterFlags = {
  authenticatorConfig?: string;
  name?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  redirectUri?: string;
};

export type UpdateFlags = Omit<RegisterFlags, "authenticatorConfig"> & { disable?: boolean; enable?: boolean };

function fieldsFrom(flags: Omit<RegisterFlags, "authenticatorConfig">, normalizeScopes: (s: string) => string[]) {
  const fields: Record<string, unknown> = {
    name: flags.name,
    client_id: flags.clientId,
    client_secret: flags.clientSecret,
    scopes: flags.scopes === undefined ? undefined : normalizeScopes(flags.scopes),
    authorize_url: flags.authorizeUrl,
    token_url: flags.tokenUrl,
    redirect_uri: flags.redirectUri,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** The registration: the config file (if any), then the type argument and flags on top, validated. */
export async function buildRegistration(type: string | undefined, flags: RegisterFlags) {
  const { normalizeScopes } = await import("../../schemas/authenticators");
  const { getTemplate } = await import("../../templates/catalog");
  if (!type && !flags.authenticatorConfig) {
    throw new CliError("Give a provider type or a config file", {
      code: "usage",
      hint: [
        "fiber register-authenticator google --client-id=\"…\" --client-secret=\"…\" --scopes=\"profile,email\"",
        "fiber app oauth register-authenticator --authenticator-config ./google-authenticator.json",
      ],
    });
  }
  const body = flags.authenticatorConfig ? await readAuthenticatorConfig(flags.authenticatorConfig) : {};
  if (type) {
    const inFile = body.authenticator_type;
    if (typeof inFile === "string" && inFile.toLowerCase() !== type.toLowerCase()) {
      throw new CliError(`The provider type "${type}" disagrees with "authenticator_type": "${inFile}" in ${flags.authenticatorConfig}`, { code: "usage" });
    }
    body.authenticator_type = type.toLowerCase();
  }
  Object.assign(body, fieldsFrom(flags, normalizeScopes));
  if (body.name === undefined && typeof body.authenticator_type === "string") {
    // An unknown type keeps its own name, so that the error is about the type rather than the name.
    const template = getTemplate(body.authenticator_type.toLowerCase());
    if (template || body.authenticator_type !== "custom") body.name = template?.displayName ?? body.authenticator_type;
  }
  const checked = "checked before sending: nothing was registered";
  const data = await validateRegistration(body, flags.authenticatorConfig ? `File: ${flags.authenticatorConfig} (${checked})` : `(${checked})`);
  return { data, template: getTemplate(data.authenticator_type) };
}

/** A PATCH body from the update flags; nothing to change is a usage error. */
export async function buildUpdate(flags: UpdateFlags) {
  const { normalizeScopes, updateAuthenticatorSchema } = await import("../../schemas/authenticators");
  if (flags.disable && flags.enable) throw new CliError("Give --disable or --enable, not both", { code: "usage" });
  const body: Record<string, unknown> = fieldsFrom(flags, normalizeScopes);
  if (flags.disable) body.is_active = false;
  if (flags.enable) body.is_active = true;
  if (!Object.keys(body).length) {
    throw new CliError("Nothing to update", {
      code: "usage",
      hint: ["Give one or more of --scopes, --client-secret, --client-id, --name, --authorize-url, --token-url, --redirect-uri, --disable, --enable"],
    });
  }
  const parsed = updateAuthenticatorSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code }));
  throw new CliError("The update is invalid", { code: "validation_error", details, hint: hintFor("validation_error") });
}
