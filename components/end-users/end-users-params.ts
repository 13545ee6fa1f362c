import { z } from "zod";
import { appIdSchema } from "@/lib/schemas/apps";
import { CONNECTION_STATUSES, endUserTagFilterSchema, listEndUsersQuerySchema } from "@/lib/schemas/end-users";
import type { EndUserFilters } from "@/lib/queries/end-users";

export const END_USERS_PATH = "/end-users";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The page's ?app_id=&q=&status=&tag=, each checked on its own: a bad one is dropped, the rest kept. */
export function parseEndUsersParams(params: SearchParams): { appId?: string; filters: EndUserFilters } {
  return {
    appId: valid(appIdSchema, first(params.app_id)),
    filters: {
      q: valid(listEndUsersQuerySchema.shape.q.unwrap().min(1), first(params.q)),
      status: valid(z.enum(CONNECTION_STATUSES), first(params.status)),
      tag: valid(endUserTagFilterSchema, first(params.tag)),
    },
  };
}

export function endUsersHref(appId: string | undefined, filters: EndUserFilters = {}): string {
  const query = new URLSearchParams();
  if (appId) query.set("app_id", appId);
  for (const key of ["q", "status", "tag"] as const) if (filters[key]) query.set(key, filters[key]);
  const search = query.toString();
  return search ? `${END_USERS_PATH}?${search}` : END_USERS_PATH;
}
