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
      const response = await handler({ req, params, requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
