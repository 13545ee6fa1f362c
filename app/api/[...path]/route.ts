import { withApi } from "@/lib/server/api/with-api";
import { NotFoundError } from "@/lib/server/errors";

// Any unknown /api path answers in the error envelope instead of an HTML 404 page.
const notFound = withApi<{ path: string[] }>(async ({ req }) => {
  throw new NotFoundError(`No API route matches ${req.method} ${new URL(req.url).pathname}`, "route_not_found");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
