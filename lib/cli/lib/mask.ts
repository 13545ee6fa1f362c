// Secrets never reach the terminal, not even in --debug output: client secrets, tokens, passwords,
// authorization headers and API keys are masked before anything is printed.

const SECRET_NAME = /(secret|token|password|passwd|authorization|api[-_]?key|credential)/i;
// Names that merely mention a secret: "token_url", "client_secret_hint", "token_auth_method", …
const NOT_A_SECRET = /(_url|_uri|_hint|_set|_params|_method|_type|_at|_count|_separator|_env|_id)$/i;
const API_KEY = /\bfw_(live|test)_[A-Za-z0-9_-]+/g;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

/** An API key as its visible prefix, the way the platform stores it: fw_live_ab12… */
export function keyPrefix(key: string): string {
  return key.length > 12 ? `${key.slice(0, 12)}…` : `${key.slice(0, 4)}…`;
}

/** Mask API keys wherever they appear in free text (URLs, messages, headers). */
export function maskText(text: string): string {
  return text.replace(API_KEY, (key) => keyPrefix(key));
}

function maskSecretValue(value: string): string {
  const bearer = /^(Bearer|Basic)\s+(\S+)$/i.exec(value);
  if (bearer) return `${bearer[1]} ${bearer[2]!.startsWith("fw_") ? keyPrefix(bearer[2]!) : "••••"}`;
  if (/^fw_(live|test)_/.test(value)) return keyPrefix(value);
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value)) return value;
  return value ? "••••" : value;
}

/** A deep copy with every secret-named string masked and API keys shortened everywhere. */
export function maskSecrets(value: unknown, name = ""): unknown {
  if (typeof value === "string") return name && isSecretName(name) ? maskSecretValue(value) : maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, name));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}
