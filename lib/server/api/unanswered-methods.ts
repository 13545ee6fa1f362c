import "server-only";
import { AppError } from "../errors";
import { withApi } from "./with-api";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteMethod = (typeof METHODS)[number];
type RouteHandler = ReturnType<typeof withApi>;

/**
 * The handlers for the methods a route file does not answer. Next answers those itself, outside the
 * error envelope (an empty 405, and an OPTIONS whose Allow lists every exported function): with these,
 * every method of every route answers through withApi — a 405 `method_not_allowed` in the envelope,
 * and OPTIONS 204 — both with the same Allow header. HEAD is left to Next: it follows GET where GET is
 * answered, and its 405 has no body to put an envelope in.
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
 *
 * The return type has exactly the methods not listed, so a route that exports a method twice fails
 * the typecheck; unanswered-methods.test.ts checks that every route file exports all six, and the
 * contract test that every path's Allow is what the API reference documents for it.
 */
export function unansweredMethods<const A extends readonly RouteMethod[]>(...answered: A): Record<Exclude<RouteMethod, A[number]>, RouteHandler> {
  const allow = [...answered.filter((m) => m !== "OPTIONS"), ...(answered.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = withApi(async ({ req }) => {
    throw Object.assign(new AppError(405, "method_not_allowed", `${req.method} is not answered here; this route answers ${allow}`), { headers: { allow } });
  });
  const options = withApi(async () => new Response(null, { status: 204, headers: { allow } }));
  const handlers: Partial<Record<RouteMethod, RouteHandler>> = {};
  for (const method of METHODS) if (!answered.includes(method)) handlers[method] = method === "OPTIONS" ? options : refuse;
  return handlers as Record<Exclude<RouteMethod, A[number]>, RouteHandler>;
}
