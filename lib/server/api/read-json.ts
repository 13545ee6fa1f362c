import "server-only";
import type { z } from "zod";
import { BadRequestError, PayloadTooLargeError, ValidationError, zodIssues } from "../errors";
import { assertStorableText } from "./clean-text";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Read a JSON request body and validate it with a zod schema. Oversized, non-JSON, malformed and
 * unstorable (NUL, unpaired surrogates) bodies are refused before anything is parsed into the
 * service layer; every schema issue is reported at once.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const body = await readJsonBody(req);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError("The request is invalid", zodIssues(parsed.error));
  return parsed.data;
}

/** The JSON body, size-limited, parsed and checked for unstorable text, for callers that validate it their own way. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new BadRequestError("Send the body as JSON with Content-Type: application/json", "unsupported_media_type");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge(MAX_JSON_BODY_BYTES);
  const text = await readTextLimited(req, MAX_JSON_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The body is not valid JSON: ${(error as Error).message}`, "invalid_json");
  }
  assertStorableText(body);
  return body;
}

// fatal: invalid UTF-8 is refused rather than silently turned into U+FFFD.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as UTF-8 text, refused (413) past maxBytes whatever Content-Length said. */
export async function readTextLimited(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // A missing or lying Content-Length must not let a client stream an unbounded body.
    if (size > maxBytes) {
      // Not awaited: on a clone (a tee branch) cancel settles only once the other branch is cancelled too.
      void reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new BadRequestError("The body is not valid UTF-8", "invalid_encoding");
  }
}

const tooLarge = (maxBytes: number) => new PayloadTooLargeError(`The body is larger than ${maxBytes / 1024} KiB`);
