import { readdir } from "node:fs/promises";
import path from "node:path";
import { loadAuthenticatorConfig, validateRegistration } from "../config-file";
import { CliError, type ErrorDetail } from "../errors";
import { idFromRedirectUri, isSecretReference, SPEC_FIELDS, type SpecField } from "./spec-file";

// A folder of spec files, read and checked the way `register-authenticator --authenticator-config`
// checks one: ${VAR}s filled from the environment, then the API's own validation. Every file is
// read before anything is reported, so one run lists every problem in every file.

/** What one file asks for. Only the fields the file holds are managed; the others are left alone. */
export type DesiredAuthenticator = {
  /** The file as shown to people (DIR joined with its name). */
  file: string;
  /** From the file name: `google-2.json` → google-2. */
  id: string;
  /** Validated and normalised values of the fields present in the file, client_secret excluded. */
  fields: Partial<Record<Exclude<SpecField, "client_secret">, unknown>>;
  /** The client secret after ${VAR} substitution: compared by fingerprint and sent, never printed. */
  secret: string;
  /** How the file gives the secret, for people: its ${VAR} reference, or "literal". */
  secretSource: string;
};

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The *.json files of DIR (not its subfolders), sorted by name. */
async function specFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => e.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new CliError(`No such directory: ${dir}`, { code: "dir_not_found", hint: ["Create it with: fiber app oauth export --dir " + dir] });
    }
    throw new CliError(`Cannot read ${dir}: ${(error as Error).message}`, { code: "file_unreadable" });
  }
}

async function readOne(dir: string, name: string): Promise<DesiredAuthenticator> {
  const file = path.join(dir, name);
  const id = name.slice(0, -".json".length);
  const problems: ErrorDetail[] = [];
  if (id.length > 64 || !ID.test(id)) {
    problems.push({ path: "(file name)", message: "must be <authenticator_id>.json: lowercase letters, digits and single hyphens, at most 64" });
  }
  const { raw, filled } = await loadAuthenticatorConfig(file);
  const { is_active: isActive, ...body } = filled;
  if (isActive !== undefined && typeof isActive !== "boolean") problems.push({ path: "is_active", message: "is_active must be true or false" });
  if (body.app_id !== undefined) {
    problems.push({ path: "app_id", message: "app_id does not belong in the folder's files: the app comes from --app-dir (fiber app link)" });
  }
  if (typeof body.redirect_uri === "string" && ID.test(id)) {
    const named = idFromRedirectUri(body.redirect_uri);
    if (named && named !== id) {
      problems.push({ path: "redirect_uri", message: `names authenticator "${named}" but the file is ${name}: rename the file to ${named}.json or fix redirect_uri` });
    }
  }
  let data: Record<string, unknown> = {};
  let hint: string[] | undefined;
  try {
    data = (await validateRegistration(body, `File: ${file}`)) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    problems.push(...(error.details?.length ? error.details : [{ path: "(file)", message: error.message }]));
    hint = error.hint?.filter((line) => line.startsWith("Did you mean"));
  }
  if (problems.length) throw new CliError(`${file} is invalid`, { code: "validation_error", details: problems, hint });

  const fields: DesiredAuthenticator["fields"] = {};
  for (const field of SPEC_FIELDS) {
    if (field === "client_secret" || raw[field] === undefined) continue;
    fields[field] = field === "is_active" ? isActive : data[field];
  }
  return { file, id, fields, secret: String(data.client_secret), secretSource: isSecretReference(raw.client_secret) ? raw.client_secret : "literal" };
}

/** Every spec file in DIR, or one error listing each invalid file's problems (exit code 1). */
export async function readSpecDir(dir: string): Promise<DesiredAuthenticator[]> {
  const names = await specFiles(dir);
  const results = await Promise.allSettled(names.map((name) => readOne(dir, name)));
  const details: ErrorDetail[] = [];
  const hints = new Set<string>();
  results.forEach((result, i) => {
    if (result.status === "fulfilled") return;
    const error = result.reason;
    if (!(error instanceof CliError)) throw error;
    const file = path.join(dir, names[i]!);
    if (error.code === "invalid_json_file" || !error.details?.length) details.push({ path: file, message: error.message });
    else for (const d of error.details) details.push({ ...d, path: `${file} › ${d.path ?? "(file)"}` });
    for (const line of error.hint ?? []) {
      if (error.code === "missing_env_var") hints.add(line);
      else if (line.startsWith("Did you mean")) hints.add(`${file}: ${line}`);
    }
  });
  if (details.length) {
    const bad = results.filter((r) => r.status === "rejected").length;
    throw new CliError(`${bad} of ${names.length} file${names.length === 1 ? "" : "s"} in ${dir} ${bad === 1 ? "is" : "are"} invalid; nothing was sent`, {
      code: "invalid_spec_files",
      details,
      hint: [...hints],
    });
  }
  return results.map((r) => (r as PromiseFulfilledResult<DesiredAuthenticator>).value);
}
