import { connectSessionPreflight } from "@/lib/server/api/cors";
import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { getOwnConnectSession } from "@/lib/server/connect-sessions/describe-connect-session";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /api/v1/connect/session – with a connect session token: the app, its allowed authenticators and their statuses
export const GET = withApiAuth({ scope: "connections:read", connectSession: true }, async ({ ctx }) => Response.json(await getOwnConnectSession({ ctx })));

// OPTIONS – CORS preflight for connect session tokens
export const OPTIONS = connectSessionPreflight;

export const { POST, PUT, PATCH, DELETE } = unansweredMethods("GET", "OPTIONS");
