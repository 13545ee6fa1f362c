import { z } from "zod";
import { connectionListSchema, connectionQuerySchema, connectionTokenSchema, listConnectionsQuerySchema } from "../../schemas/connections";
import { eventPageSchema, listEventsSchema, metricsQuerySchema, metricsSchema } from "../../schemas/events";
import type { Operation } from "../operation";
import { ACTING_APP, authenticatorPath } from "./common";

const SUBJECT_ERRORS = [...ACTING_APP, "connect_session_scope", "authenticator_not_allowed"] as const;

/** OPTIONS on the routes a connect session may call from an app's page. */
export const preflight = (path: string, operationId: string, tag: string, pathParams?: z.ZodObject): Operation => ({
  method: "options", path, operationId, tag, auth: "none",
  summary: "CORS preflight for connect session tokens",
  description: "Allowed for an origin that some connect session lists; the request that follows is checked against its own session's origins.",
  params: { ...(pathParams ? { path: pathParams } : {}), header: z.object({ origin: z.string().optional().describe("The page's origin") }) },
  responses: {
    204: {
      description: "Access-Control-Allow-* for an allowed origin; none otherwise",
      headers: z.object({ "access-control-allow-origin": z.string().optional(), "access-control-allow-methods": z.string().optional() }),
    },
  },
});

export const credentialsOperations: Operation[] = [
  {
    method: "get", path: "/api/v1/credentials/connections", operationId: "listConnections", summary: "List connections",
    description:
      "Connections with their status (active, insufficient_scopes, needs_reauth), scopes and timings — never a token: the caller's own, " +
      "an end user's (end_user_id, owners and developers), or with a connect session token the session's end user's (cross-origin).",
    tag: "Connections", auth: "connect", scope: "connections:read",
    params: { query: listConnectionsQuerySchema },
    responses: { 200: { description: "The connections", schema: connectionListSchema } },
    errors: [...SUBJECT_ERRORS, "end_user_not_found"],
  },
  preflight("/api/v1/credentials/connections", "preflightListConnections", "Connections"),
  {
    method: "get", path: "/api/v1/credentials/connections/{authenticator_id}/token", operationId: "getAccessToken", summary: "Get a valid access token",
    description:
      "The spec's token endpoint for apps and agents: refreshed first when it expires within the provider's window (exactly once across " +
      "instances). user_id acts for a member (owners), end_user_id for an end user (owners and developers); force_refresh=true refreshes now " +
      "(after the provider answered 401). Cache-Control: no-store.",
    tag: "Connections", auth: "user", scope: "tokens:read",
    params: { path: authenticatorPath, query: connectionQuerySchema },
    responses: { 200: { description: "A valid access token", schema: connectionTokenSchema } },
    errors: [...SUBJECT_ERRORS, "connection_not_found", "reauthorization_required", "token_expired", "secret_unreadable", "provider_unavailable"],
  },
  {
    method: "delete", path: "/api/v1/credentials/connections/{authenticator_id}", operationId: "disconnect", summary: "Disconnect",
    description: "Revokes the tokens at the provider (retried later if it does not answer) and removes them.",
    tag: "Connections", auth: "connect", scope: "connections:write",
    params: { path: authenticatorPath, query: connectionQuerySchema },
    responses: {
      204: {
        description: "Disconnected",
        headers: z.object({ "x-provider-revocation": z.string().describe("revoked, not_supported, or failed: … (retried in the background)") }),
      },
    },
    errors: [...SUBJECT_ERRORS, "connection_not_found"],
  },
  preflight("/api/v1/credentials/connections/{authenticator_id}", "preflightDisconnect", "Connections", authenticatorPath),
  {
    method: "get", path: "/api/v1/events", operationId: "listEvents", summary: "The audit log",
    description: "The app's events, newest first (owners and developers see all; members their own). Page with before=next_before.",
    tag: "Monitoring", auth: "user",
    params: { query: listEventsSchema },
    responses: { 200: { description: "One page of events", schema: eventPageSchema } },
    errors: ACTING_APP,
  },
  {
    method: "get", path: "/api/v1/metrics", operationId: "getMetrics", summary: "Monitoring figures",
    description: "Connection success per day, refresh outcomes, tokens served, the commonest errors, provider and proxy times (owners and developers).",
    tag: "Monitoring", auth: "user",
    params: { query: metricsQuerySchema },
    responses: { 200: { description: "The figures", schema: metricsSchema } },
    errors: ACTING_APP,
  },
];
