import type { AuthenticatorConfiguration } from "../../../schemas/authenticators";

// Authenticators as code: one file per authenticator, `<authenticator_id>.json`, in the spec's
// config format (the fields of POST /api/v1/oauth/authenticators minus app_id) plus `is_active`.
// The client secret is always a "${VAR}" reference: no file this module writes holds a secret.

/** An authenticator as the API answers it (never the secret: a hint and a fingerprint at most). */
export type RemoteAuthenticator = {
  authenticator_id: string;
  name: string;
  authenticator_type: string;
  client_id: string;
  client_secret_hint: string | null;
  client_secret_fingerprint: string | null;
  scopes: string[];
  authorize_url: string;
  token_url: string;
  redirect_uri: string;
  configuration: AuthenticatorConfiguration;
  is_active: boolean;
  connections_count: number;
};

/** Every field a spec file may hold, in the order export writes them (the spec's own order first). */
export const SPEC_FIELDS = [
  "name",
  "authenticator_type",
  "client_id",
  "client_secret",
  "scopes",
  "authorize_url",
  "token_url",
  "redirect_uri",
  "configuration",
  "is_active",
] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

export const specFileName = (authenticatorId: string) => `${authenticatorId}.json`;

/**
 * The environment variable export points client_secret at: the id in upper case, hyphens as
 * underscores, then _CLIENT_SECRET ("google-2" → GOOGLE_2_CLIENT_SECRET). An id may start with a
 * digit, which no shell variable may, so such ids get a leading underscore.
 */
export function secretVariable(authenticatorId: string): string {
  const name = `${authenticatorId.toUpperCase().replace(/-/g, "_")}_CLIENT_SECRET`;
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

const REFERENCE_ONLY = /^(\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/;

/** A client_secret value that is made only of ${VAR} references (and so holds no secret itself). */
export const isSecretReference = (value: unknown): value is string => typeof value === "string" && REFERENCE_ONLY.test(value);

/** Objects with their keys sorted at every depth; arrays keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The file for one authenticator. `secretReference` keeps a reference a previous export or a person chose. */
export function toSpecFile(a: RemoteAuthenticator, secretReference?: string): Record<SpecField, unknown> {
  return {
    name: a.name,
    authenticator_type: a.authenticator_type,
    client_id: a.client_id,
    client_secret: isSecretReference(secretReference) ? secretReference : `\${${secretVariable(a.authenticator_id)}}`,
    scopes: a.scopes,
    authorize_url: a.authorize_url,
    token_url: a.token_url,
    redirect_uri: a.redirect_uri,
    configuration: sortKeys(a.configuration ?? {}),
    is_active: a.is_active,
  };
}

/** Diff-friendly text: the fields in SPEC_FIELDS order, two-space indent, one trailing newline. */
export function stringifySpec(spec: Partial<Record<SpecField, unknown>>): string {
  const ordered = Object.fromEntries(SPEC_FIELDS.filter((f) => spec[f] !== undefined).map((f) => [f, spec[f]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The authenticator id a redirect URI names (its last path segment), or null when it names none. */
export function idFromRedirectUri(uri: string): string | null {
  try {
    return /^\/auth\/callback\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(new URL(uri).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}
