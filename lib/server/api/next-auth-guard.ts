import "server-only";
import { safeLocalPath } from "../../schemas/redirects";
import { readFormRequest } from "./read-form";
import { appUrl } from "../env";
import { BadRequestError } from "../errors";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

const isSafe = (value: string) => safeLocalPath(value, appUrl(), "") !== "";

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Refuse, in the envelope, what next-auth would answer with a bare 500: a form or query with
 * unstorable text or a JSON body (readFormRequest), and a callbackUrl (query, form or its cookie)
 * that is not a safe path on this platform (next-auth's config check turns those into "server
 * configuration" errors). A bad cookie is also cleared, so the browser recovers.
 */
export async function guardNextAuthRequest(req: Request): Promise<void> {
  const { query, form } = await readFormRequest(req);
  for (const value of [query.get("callbackUrl"), form?.get("callbackUrl")]) {
    if (value && !isSafe(value)) throw invalidCallbackUrl();
  }
  // Every occurrence: which of two same-named cookies next-auth would read is not ours to guess.
  for (const [name, value] of cookiePairs(req.headers.get("cookie"))) {
    if (CALLBACK_COOKIES.includes(name) && value && !isSafe(decoded(value))) {
      const error = invalidCallbackUrl();
      error.headers["set-cookie"] = `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`;
      throw error;
    }
  }
}

function cookiePairs(header: string | null): Array<[string, string]> {
  return (header ?? "").split(";").map((part) => {
    const [name = "", ...rest] = part.trim().split("=");
    return [name, rest.join("=")];
  });
}

const invalidCallbackUrl = () => new BadRequestError("callbackUrl must be a path on this platform", "invalid_callback_url");
