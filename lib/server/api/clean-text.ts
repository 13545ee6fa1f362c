import "server-only";
import { ValidationError, type ErrorDetail } from "../errors";

/**
 * Text PostgreSQL cannot store, refused at the edge of the API rather than failing deep in a query:
 * NUL (no text or jsonb value may contain U+0000) and unpaired UTF-16 surrogates (jsonb rejects the
 * `\ud800` escape JSON.stringify writes for them; text columns would silently get U+FFFD instead).
 */
export function isStorableText(value: string): boolean {
  return value.isWellFormed() && !value.includes("\u0000");
}

const MAX_REPORTED = 20;

/** Every path in a parsed JSON value (keys and strings) that holds unstorable text, e.g. `configuration.token_params.x`. */
export function unstorableTextPaths(value: unknown, prefix = ""): string[] {
  const found: string[] = [];
  // Iterative, so a deeply nested body cannot overflow the stack here.
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length && found.length < MAX_REPORTED) {
    const [current, path] = stack.pop()!;
    if (typeof current === "string") {
      if (!isStorableText(current)) found.push(path);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push([item, path ? `${path}.${index}` : String(index)]));
    } else if (current && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const at = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) found.push(at);
        else stack.push([item, at]);
      }
    }
  }
  return found.sort();
}

export function invalidCharactersError(paths: string[]): ValidationError {
  const details: ErrorDetail[] = paths.map((path) => ({
    path,
    message: "Contains a NUL character or an unpaired surrogate, which cannot be stored",
    code: "invalid_characters",
  }));
  return new ValidationError("The request contains characters that cannot be stored (NUL or unpaired surrogates)", details, "invalid_characters");
}

export function assertStorableText(value: unknown, prefix = ""): void {
  const paths = unstorableTextPaths(value, prefix);
  if (paths.length) throw invalidCharactersError(paths);
}
