import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { specFileName, stringifySpec, toSpecFile, type RemoteAuthenticator } from "./spec-file";

export type ExportedFile = { file: string; authenticator_id: string; status: "written" | "unchanged"; env: string[] };

/** The client_secret a file already holds (to keep a ${VAR} reference someone chose), if it parses. */
function previousSecret(text: string | null): string | undefined {
  try {
    const previous: unknown = text === null ? null : JSON.parse(text);
    return previous && typeof previous === "object" ? (previous as { client_secret?: string }).client_secret : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Write `<authenticator_id>.json` for each authenticator (only when its text changes, so an unchanged
 * export leaves files and their times alone). Returns the files, and the other *.json in DIR.
 */
export async function exportDir(dir: string, authenticators: RemoteAuthenticator[]): Promise<{ files: ExportedFile[]; others: string[] }> {
  await mkdir(dir, { recursive: true });
  const files: ExportedFile[] = [];
  for (const a of [...authenticators].sort((x, y) => (x.authenticator_id < y.authenticator_id ? -1 : 1))) {
    const file = path.join(dir, specFileName(a.authenticator_id));
    const before = await readFile(file, "utf8").catch(() => null);
    const spec = toSpecFile(a, previousSecret(before));
    const text = stringifySpec(spec);
    if (text !== before) await writeFile(file, text);
    const env = [...String(spec.client_secret).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
    files.push({ file, authenticator_id: a.authenticator_id, status: text === before ? "unchanged" : "written", env });
  }
  const exported = new Set(authenticators.map((a) => specFileName(a.authenticator_id)));
  const others = (await readdir(dir)).filter((name) => name.endsWith(".json") && !exported.has(name)).sort();
  return { files, others: others.map((name) => path.join(dir, name)) };
}
