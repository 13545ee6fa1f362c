import { withApi } from "@/lib/server/api/with-api";
import { getHealth } from "@/lib/server/health/get-health";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

export const dynamic = "force-dynamic";

// GET /api/health – database reachable and migrations applied (503 otherwise)
export const GET = withApi(async () => {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
