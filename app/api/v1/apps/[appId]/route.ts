import { readJson } from "@/lib/server/api/read-json";
import { readQuery } from "@/lib/server/api/read-query";
import { deleteApp } from "@/lib/server/apps/delete-app";
import { getAppOrThrow } from "@/lib/server/apps/get-app-or-throw";
import { updateApp } from "@/lib/server/apps/update-app";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { deleteAppQuerySchema, updateAppSchema } from "@/lib/schemas/apps";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

type Params = { appId: string };

// GET /api/v1/apps/{app_id} – one app and the caller's role in it
export const GET = withApiAuth<Params>({}, async ({ ctx, params }) =>
  Response.json(await getAppOrThrow({ ctx, appId: params.appId })),
);

// PATCH /api/v1/apps/{app_id} – rename (owners)
export const PATCH = withApiAuth<Params>({}, async ({ ctx, params, req }) => {
  const input = await readJson(req, updateAppSchema);
  return Response.json(await updateApp({ ctx, appId: params.appId, input }));
});

// DELETE /api/v1/apps/{app_id}?confirm={app_id} – delete with its authenticators and connections (owners)
export const DELETE = withApiAuth<Params>({}, async ({ ctx, params, req }) => {
  const { confirm } = readQuery(req, deleteAppQuerySchema);
  await deleteApp({ ctx, appId: params.appId, confirm: confirm ?? null });
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = unansweredMethods("GET", "PATCH", "DELETE");
