import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { RateLimitedError, toErrorBody } from "../errors";

// next-auth turns whatever authorize() throws into `?error=<message>` on a 401 (or a redirect),
// losing the status and headers. authorize() notes a rate-limit refusal here, and the route
// wrapper below rewrites next-auth's answer into a 429 with Retry-After and RateLimit-*.
const refusals = new AsyncLocalStorage<{ error?: RateLimitedError }>();

export function noteSignInRefusal(error: unknown): void {
  const store = refusals.getStore();
  if (store && error instanceof RateLimitedError) store.error = error;
}

/**
 * Run next-auth's handler; if sign-in was refused by a rate limit, answer 429 where the protocol
 * allows. The JSON mode (next-auth's own client, `json=true`) gets a 429 whose body is the error
 * envelope plus next-auth's `url` (which `signIn()` reads the `error` from, so the form keeps its
 * message). A plain form post must stay a redirect for the browser to follow: it keeps next-auth's
 * 302 and gains the Retry-After and RateLimit-* headers.
 */
export async function answerSignIn(run: () => Promise<Response>): Promise<Response> {
  const store: { error?: RateLimitedError } = {};
  const response = await refusals.run(store, run);
  const { error } = store;
  if (!error) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  if (!headers.get("content-type")?.includes("application/json")) {
    return new Response(response.body, { status: response.status, headers });
  }
  const { url } = (await response.json()) as { url?: string };
  headers.delete("content-length");
  return Response.json({ ...toErrorBody(error).body, url }, { status: 429, headers });
}
