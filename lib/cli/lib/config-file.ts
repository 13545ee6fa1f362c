import { existsSync } from "node:fs";
import path from "node:path";
import { CliError, type ErrorDetail } from "./errors";
import { hintFor } from "./hints";
import { readJsonFile } from "./json-file";
import { isSecretName } from "./mask";
import { warn } from "./output";

// Authenticator config files: JSON as in the spec, with "${VAR}" references filled from the
// environment before anything is sent, then checked with the same validation the API uses.

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replace every ${VAR} in every string value; report all the missing variables at once. */
export function substituteEnv(value: unknown, missing: ErrorDetail[], at = ""): unknown {
  if (typeof value === "string") {
    return value.replace(REFERENCE, (whole, name: string) => {
      const found = process.env[name];
      if (found === undefined) missing.push({ path: at || "(root)", message: `\${${name}} is not set`, variable: name });
      return found ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, missing, `${at}[${i}]`));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, missing, at ? `${at}.${k}` : k)]));
  }
  return value;
}

/** Secret-named fields written out literally rather than as a ${VAR} reference. */
function literalSecrets(value: unknown, at = ""): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const where = at ? `${at}.${k}` : k;
    if (typeof v === "string" && v && isSecretName(k) && !/\$\{[A-Za-z_]/.test(v)) return [where];
    return literalSecrets(v, where);
  });
}

export function gitRoot(from: string): string | null {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Read a config file: parse (errors name file:line:column), warn about committed secrets, fill ${VAR}s. */
export async function readAuthenticatorConfig(file: string): Promise<Record<string, unknown>> {
  return (await loadAuthenticatorConfig(file)).filled;
}

/** The same, keeping the file as written too (`raw`, with its ${VAR} references unfilled). */
export async function loadAuthenticatorConfig(file: string): Promise<{ raw: Record<string, unknown>; filled: Record<string, unknown> }> {
  const data = await readJsonFile(path.resolve(file), file);
  if (data === null) throw new CliError(`Config file not found: ${file} (resolved to ${path.resolve(file)})`, { code: "config_not_found" });
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new CliError(`${file} must hold a JSON object, like the spec's examples`, { code: "validation_error" });
  }
  const literal = literalSecrets(data);
  const repo = literal.length ? gitRoot(path.dirname(path.resolve(file))) : null;
  if (repo) {
    const type = String((data as Record<string, unknown>).authenticator_type ?? "provider").toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    warn(
      `${file} holds ${literal.join(", ")} in plain text and is inside a git repository (${repo}).\n` +
        `  Never commit secrets: Use environment variables. Write "client_secret": "\${${type}_CLIENT_SECRET}"\n` +
        `  in the file and export ${type}_CLIENT_SECRET="…" in your shell or CI.`,
    );
  }
  const missing: ErrorDetail[] = [];
  const filled = substituteEnv(data, missing) as Record<string, unknown>;
  if (missing.length) {
    const names = [...new Set(missing.map((m) => String(m.variable)))];
    throw new CliError(`Environment variable${names.length > 1 ? "s" : ""} ${names.join(", ")} not set (referenced in ${file})`, {
      code: "missing_env_var",
      details: missing,
      hint: names.map((n) => `export ${n}="…"`),
    });
  }
  return { raw: data as Record<string, unknown>, filled };
}

/** The API's own registration check, run before any request; every problem is listed. */
export async function validateRegistration(body: Record<string, unknown>, note: string) {
  const { parseRegistration } = await import("../../schemas/authenticators");
  const result = parseRegistration(body);
  if (result.ok) return result.data;
  const { problem } = result;
  const typo = problem.details.find((d) => d.known_types);
  const suggestion = typo ? closest(String(body.authenticator_type), typo.known_types!) : null;
  throw new CliError(problem.message, {
    code: problem.code,
    details: problem.details,
    hint: [note, ...(suggestion ? [`Did you mean "${suggestion}"?`] : []), ...(hintFor(problem.code) ?? [])],
  });
}

/** The known type nearest to a typo (edit distance ≤ 2), for "Did you mean …?". */
function closest(input: string, candidates: string[]): string | null {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  const best = candidates.map((c) => ({ c, d: distance(input.toLowerCase(), c) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? best.c : null;
}
