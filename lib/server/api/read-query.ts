import "server-only";
import type { z } from "zod";
import { ValidationError, zodIssues } from "../errors";
import { invalidCharactersError, isStorableText } from "./clean-text";

/**
 * The request's query string, every key and value checked for unstorable text (NUL, unpaired
 * surrogates: 422 invalid_characters). For callers that hand the parameters on as they are.
 */
export function readSearchParams(req: Request): URLSearchParams {
  const params = new URL(req.url).searchParams;
  const bad = [...params].flatMap(([key, value]) => (isStorableText(key) && isStorableText(value) ? [] : [`query.${isStorableText(key) ? key : "?"}`]));
  if (bad.length) throw invalidCharactersError([...new Set(bad)]);
  return params;
}

/** First value of each key: a repeated key means what URLSearchParams.get would say. */
function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

/** Parse the query string with a zod schema; any problem is a 422 in the envelope, every issue listed. */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(firstValues(readSearchParams(req)));
  if (!parsed.success) throw new ValidationError("The query string is invalid", zodIssues(parsed.error).map((d) => ({ ...d, path: `query.${d.path}` })));
  return parsed.data;
}

type PageSearchParams = Record<string, string | string[] | undefined>;

/**
 * A page's search params, leniently: each field of the schema that does not parse (or holds
 * unstorable text) falls back to its default or undefined, so a hand-edited URL shows the page
 * with the filter dropped instead of an error page.
 */
export function readPageQuery<T extends z.ZodRawShape>(searchParams: PageSearchParams, schema: z.ZodObject<T>): z.infer<z.ZodObject<T>> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    const raw = searchParams[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const usable = value === undefined || value === "" || !isStorableText(value) ? undefined : value;
    const parsed = field.safeParse(usable);
    out[key] = parsed.success ? parsed.data : field.safeParse(undefined).data;
  }
  return out as z.infer<z.ZodObject<T>>;
}
