import { randomUUID } from "node:crypto";
import { errorResponse } from "../errors";

type RouteContext<P> = { params: Promise<P> };
export type ApiArgs<P> = { req: Request; params: P; requestId: string };

/**
 * The transport wrapper every API route handler goes through: gives the request an id and turns
 * whatever the handler throws into the one error envelope.
 */
export function withApi<P = Record<string, never>>(handler: (args: ApiArgs<P>) => Promise<Response>) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const params = (await context?.params) ?? ({} as P);
      return withRequestId(await handler({ req, params, requestId }), requestId);
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
