import "server-only";
import { BadRequestError } from "../errors";
import { invalidCharactersError, isStorableText } from "./clean-text";
import { readTextLimited } from "./read-json";
import { readSearchParams } from "./read-query";

const MAX_FORM_BYTES = 64 * 1024;

/**
 * Check a request bound for a form handler (next-auth) before it reads it: its query and (for POST)
 * an application/x-www-form-urlencoded body of storable text, returned parsed (the body is read
 * from a clone, so the handler can still read it). next-auth's browser client only ever posts
 * forms; a JSON body would be handed to req.json() unguarded, and junk there is a 500.
 */
export async function readFormRequest(req: Request): Promise<{ query: URLSearchParams; form: URLSearchParams | null }> {
  const query = readSearchParams(req);
  if (req.method !== "POST") return { query, form: null };
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new BadRequestError("Send the form as application/x-www-form-urlencoded", "unsupported_media_type");
  }
  const text = await readTextLimited(req.clone(), MAX_FORM_BYTES);
  const form = new URLSearchParams(text);
  const bad = [...form].filter(([key, value]) => !isStorableText(key) || !isStorableText(value));
  if (bad.length) throw invalidCharactersError(bad.map(([key]) => (isStorableText(key) ? key : "?")));
  return { query, form };
}
