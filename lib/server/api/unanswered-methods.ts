import "server-only";
import { AppError, errorResponse } from "../errors";
import { requestIdOf, withRequestId } from "./with-api";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteMethod = (typeof METHODS)[number];
type RouteHandler = (req: Request, context?: unknown) => Promise<Response>;

/**
 * The handlers for the methods a route file does not answer. Next answers those itself, outside the
 * error envelope (an empty 405, and an OPTIONS whose Allow lists every exported function): with these,
 * every method of every route answers in our terms — a 405 `method_not_allowed` in the envelope,
 * and OPTIONS 204 — both with the same Allow header and an x-request-id, whatever the path holds
 * (the method is refused before any path parameter is read). HEAD follows GET where GET is
 * answered (Next's doing); elsewhere it takes the refusal, whose body Node leaves out.
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET", "POST");
 *
 * The return type has exactly the methods not listed, so a route that exports a method twice fails
 * the typecheck; unanswered-methods.test.ts checks that every route file exports all six, and the
 * contract test that every path's Allow is what the API reference documents for it.
 */
export function unansweredMethods<const A extends readonly RouteMethod[]>(...answered: A): Record<Exclude<RouteMethod, A[number]>, RouteHandler> {
  const allow = [...answered.filter((m) => m !== "OPTIONS"), ...(answered.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: RouteHandler = async (req) =>
    errorResponse(Object.assign(new AppError(405, "method_not_allowed", `${req.method} is not answered here; this route answers ${allow}`), { headers: { allow } }), requestIdOf(req));
  const options: RouteHandler = async (req) => withRequestId(new Response(null, { status: 204, headers: { allow } }), requestIdOf(req));
  const handlers: Partial<Record<RouteMethod, RouteHandler>> = {};
  for (const method of METHODS) if (!answered.includes(method)) handlers[method] = method === "OPTIONS" ? options : refuse;
  return handlers as Record<Exclude<RouteMethod, A[number]>, RouteHandler>;
}
