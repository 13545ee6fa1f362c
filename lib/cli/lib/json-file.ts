import { readFile } from "node:fs/promises";
import { CliError } from "./errors";

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Whether `prefix` could still be the start of valid JSON (it fails only for running out). */
function viablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    return at ? Number(at[1]) >= prefix.length : /end of (JSON )?input/i.test(message);
  }
}

/** The offset of the first character JSON cannot accept: the end of the longest viable prefix. */
function firstBadOffset(text: string): number {
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (viablePrefix(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * Where JSON.parse stopped. Node 20 says "… at position N" for most errors but not for "Unexpected
 * token 'x', "…" is not valid JSON" (then the position is found by bisecting); newer V8 adds
 * "(line L column C)"; an unexpected end points after the last character.
 */
export function jsonErrorLocation(text: string, message: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /at position (\d+)/.exec(message);
  if (at) return lineColumn(text, Number(at[1]));
  if (/end of (JSON )?input/i.test(message)) return lineColumn(text, text.trimEnd().length);
  if (text.length <= 1_000_000) return lineColumn(text, firstBadOffset(text));
  return null;
}

/** JSON.parse, with an error naming the file, line and column. */
export function parseJson(text: string, file: string): unknown {
  const source = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(source);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const where = jsonErrorLocation(source, raw);
    const reason = raw
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/ after JSON at position \d+.*$/, " after JSON")
      .replace(/, ".*" is not valid JSON$/s, "");
    const location = where ? `${file}:${where.line}:${where.column}` : file;
    throw new CliError(`Invalid JSON in ${location}: ${reason}`, {
      code: "invalid_json_file",
      details: [{ path: file, message: reason, ...(where ?? {}) }],
    });
  }
}

/** Read and parse a JSON file; a missing file is null, other read errors are CliErrors. */
export async function readJsonFile(file: string, shownAs = file): Promise<unknown | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(`Cannot read ${shownAs}: ${(error as Error).message}`, { code: "file_unreadable" });
  }
  return parseJson(text, shownAs);
}
