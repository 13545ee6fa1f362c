import type { z } from "zod";
import { BadRequestError, PayloadTooLargeError, ValidationError, zodIssues } from "../errors";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Read a JSON request body and validate it with a zod schema. Oversized, non-JSON and malformed
 * bodies are refused before anything is parsed into the service layer; every schema issue is
 * reported at once.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const body = await readJsonBody(req);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError("The request is invalid", zodIssues(parsed.error));
  return parsed.data;
}

/** The JSON body, size-limited and parsed, for callers that validate it their own way. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new BadRequestError("Send the body as JSON with Content-Type: application/json", "unsupported_media_type");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await readLimited(req);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The body is not valid JSON: ${(error as Error).message}`, "invalid_json");
  }
}

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // A missing or lying Content-Length must not let a client stream an unbounded body.
    if (size > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = () => new PayloadTooLargeError(`The body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB`);
