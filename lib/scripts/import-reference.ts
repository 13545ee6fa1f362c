// Regenerates community-data.json from the reference provider table:
//   npx tsx lib/scripts/import-reference.ts <path-to-oauth2-provider-endpoints.tsv>
// The product never reads the TSV itself; the generated JSON is committed.
import { readFileSync, writeFileSync } from "node:fs";
import { cleanParams, normalizeSeparator, toCommunityTemplate, type ReferenceRow } from "../templates/community-mapping";
import { FIRST_CLASS_TEMPLATES } from "../templates/first-class";
import { hostIsVariable, placeholdersIn, resolveTemplateUrl } from "../templates/template-url";
import { VERIFIED_TEMPLATES } from "../templates/verified";

const COLUMNS = [
  "key", "display_name", "authorization_url", "token_url", "scope_separator", "default_scopes",
  "authorization_params", "token_params", "disable_pkce", "api_base_url", "connection_config",
] as const;
type RawRow = Record<(typeof COLUMNS)[number], string>;

const OUTPUT = new URL("../templates/community-data.json", import.meta.url);

function isHttpsWithDummies(url: string): boolean {
  const dummies = Object.fromEntries(placeholdersIn(url).map((name) => [name, "example"]));
  try {
    resolveTemplateUrl(url, dummies);
    return true;
  } catch {
    return false;
  }
}

// "a || b" in the reference means "a when its variables are set, otherwise b". A template holds one
// URL, so pick one alternative: an https URL, preferring one whose host isn't entirely a variable
// (whoever fills that in chooses where the client secret goes), then the one needing fewest values.
function alternatives(column: string): string[] {
  return column.split("||").map((part) => part.trim()).filter(Boolean);
}

function cost(url: string): number {
  return (hostIsVariable(url) ? 100 : 0) + placeholdersIn(url).length;
}

/** The cheapest valid alternative of each column, taking the same position in all of them. */
function pickUrls(columns: string[]): Array<string | undefined> | undefined {
  const options = columns.map(alternatives);
  const count = Math.max(...options.map((list) => list.length));
  let best: { urls: string[]; cost: number } | undefined;
  for (let index = 0; index < count; index++) {
    // A column with a single URL serves every position.
    const urls = options.map((list) => (list.length === 1 ? list[0] : list[index]));
    if (!urls.every((url): url is string => url !== undefined && isHttpsWithDummies(url))) continue;
    const total = urls.reduce((sum, url) => sum + cost(url), 0);
    if (!best || total < best.cost) best = { urls, cost: total };
  }
  return best?.urls;
}

function parseJson<T>(text: string, fallback: T): T {
  return text.trim() === "" ? fallback : (JSON.parse(text) as T);
}

function parseTsv(text: string): RawRow[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (header?.split("\t").join(",") !== COLUMNS.join(",")) throw new Error("Unexpected TSV header");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(COLUMNS.map((column, index) => [column, cells[index] ?? ""])) as RawRow;
  });
}

function main(): void {
  const path = process.argv[2];
  if (!path) throw new Error("Usage: npx tsx lib/scripts/import-reference.ts <path-to-tsv>");

  const covered = new Set([...FIRST_CLASS_TEMPLATES, ...VERIFIED_TEMPLATES].map((t) => t.type.toLowerCase()));
  const rows: ReferenceRow[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  const raws = parseTsv(readFileSync(path, "utf8"));

  for (const raw of raws) {
    const key = raw.key.trim().toLowerCase();
    if (covered.has(key)) continue;
    const [authorizationUrl, tokenUrl] = pickUrls([raw.authorization_url, raw.token_url]) ?? [];
    if (!authorizationUrl || !tokenUrl) {
      const empty = !raw.authorization_url.trim() ? "authorization" : !raw.token_url.trim() ? "token" : undefined;
      skipped.push(`${key}: ${empty ? `no ${empty} URL in the reference` : "no pair of https authorization and token URLs"}`);
      continue;
    }
    if (raw.authorization_url.includes("||") || raw.token_url.includes("||")) {
      notes.push(`${key}: chose ${authorizationUrl} and ${tokenUrl} among alternatives`);
    }
    const [apiBaseUrl] = raw.api_base_url.trim() ? (pickUrls([raw.api_base_url]) ?? []) : [];
    if (raw.api_base_url.trim() && !apiBaseUrl) notes.push(`${key}: dropped api_base_url "${raw.api_base_url}" (not a usable https URL)`);
    if (normalizeSeparator(raw.scope_separator) !== (raw.scope_separator || " ")) {
      notes.push(`${key}: scope separator "${raw.scope_separator}" mapped to a space`);
    }

    const stringify = (params: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
    const row: ReferenceRow = {
      key,
      displayName: raw.display_name.trim(),
      authorizationUrl,
      tokenUrl,
      scopeSeparator: raw.scope_separator,
      defaultScopes: parseJson<string[]>(raw.default_scopes, []),
      authorizationParams: stringify(parseJson(raw.authorization_params, {})),
      tokenParams: stringify(parseJson(raw.token_params, {})),
      disablePkce: raw.disable_pkce.trim() === "true",
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
      connectionConfig: parseJson<string[]>(raw.connection_config, []),
    };
    for (const [where, params] of [["authorize", row.authorizationParams], ["token", row.tokenParams]] as const) {
      const { dropped, scope } = cleanParams(params);
      const unusual = dropped.filter((name) => !["response_type", "grant_type", "redirect_uri", "client_id"].includes(name));
      if (unusual.length) notes.push(`${key}: dropped ${where} params ${unusual.join(", ")}`);
      if (scope !== undefined) notes.push(`${key}: moved ${where} param scope=${scope} to default scopes`);
    }

    // Whatever the mapping produces must still resolve to https URLs with every variable filled in.
    const template = toCommunityTemplate(row);
    const dummies = Object.fromEntries(template.connectionConfig.map((field) => [field.name, "example"]));
    const bad = [template.authorizeUrl, template.tokenUrl, template.apiBaseUrl ?? template.tokenUrl].find((url) => {
      try {
        resolveTemplateUrl(url, dummies);
        return false;
      } catch {
        return true;
      }
    });
    if (bad) {
      skipped.push(`${key}: ${bad} does not resolve to an https URL`);
      continue;
    }
    rows.push(row);
  }

  rows.sort((a, b) => a.key.localeCompare(b.key));
  // One provider per line keeps diffs of the committed file readable.
  writeFileSync(OUTPUT, `[\n${rows.map((row) => `  ${JSON.stringify(row)}`).join(",\n")}\n]\n`);

  console.log(`Read ${raws.length} rows; ${raws.length - rows.length - skipped.length} covered by first-class/verified templates.`);
  console.log(`Wrote ${rows.length} community templates to ${OUTPUT.pathname}.`);
  console.log(`Skipped ${skipped.length}${skipped.length ? ":\n  " + skipped.join("\n  ") : "."}`);
  if (notes.length) console.log(`Notes:\n  ${notes.join("\n  ")}`);
}

main();
