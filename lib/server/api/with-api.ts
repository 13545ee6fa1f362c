import "server-only";
import { randomUUID } from "node:crypto";
import { errorResponse } from "../errors";
import { readPathParams } from "./path-params";

type RouteContext = { params?: Promise<Record<string, string | string[]>> };
export type ApiArgs<P> = { req: Request; params: P; requestId: string };

// A caller's request id is echoed in a response header and in error bodies: only a plain token is taken.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: Request): string {
  return requestIdFrom(req.headers.get("x-request-id"));
}

/** The caller's X-Request-Id when it is a plain token, else a new one (for code that reads node:http headers). */
export function requestIdFrom(given: string | string[] | null | undefined): string {
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The transport wrapper every API route handler goes through: gives the request an id, runs the
 * route's authentication (if any) first, validates the path params (bad ones are a 404/422, never
 * a database error), and turns whatever is thrown into the one error envelope.
 */
export function withApi<P = Record<string, never>, C = undefined>(
  handler: (args: ApiArgs<P> & { ctx: C }) => Promise<Response>,
  authenticate?: (req: Request, requestId: string) => Promise<C>,
) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      const ctx = (authenticate ? await authenticate(req, requestId) : undefined) as C;
      const params = readPathParams<P>(await context?.params);
      return withRequestId(await handler({ req, params, requestId, ctx }), requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

/**
 * Tag a response with its request id. Responses from Response.redirect() or fetch() have immutable
 * headers; those are copied into a new Response rather than failing the request.
 */
export function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}
