import { z } from "zod";
import { connectCompleteQuerySchema, connectStartQuerySchema } from "../../schemas/connect-flow";
import {
  connectSessionViewSchema, createConnectSessionSchema, createdConnectSessionSchema, endUserIdSchema, endUserQuerySchema, endUsersPageSchema,
  listEndUsersQuerySchema,
} from "../../schemas/end-users";
import { authenticatorIdSchema } from "../../schemas/common";
import type { Operation } from "../operation";
import { ACTING_APP, redirectHeaders } from "./common";
import { preflight } from "./credentials";

const endUserPath = z.object({ end_user_id: endUserIdSchema.describe("The app's own id for the end user") });
const startPath = z.object({
  token: z.string().max(512).describe("The connect session token (fw_cs_…)"),
  authenticator_id: authenticatorIdSchema.describe("One of the session's allowed authenticators"),
});

export const connectOperations: Operation[] = [
  {
    method: "post", path: "/api/v1/connect/sessions", operationId: "createConnectSession", summary: "Create a connect session",
    description:
      "The app's backend mints a 30-minute session for one of its end users (created on first sight): a hosted connect page (connect_url) " +
      "and a token its frontend may use from allowed_origins. The answer is the only time the token is shown (Cache-Control: no-store). Owners and developers.",
    tag: "Connect", auth: "user", scope: "connect:write",
    body: {
      schema: createConnectSessionSchema,
      examples: {
        endUser: {
          summary: "An end user of the app",
          value: { app_id: "email-assistant", end_user: { id: "u_123", email: "ada@example.com" }, allowed_authenticators: ["google"], allowed_origins: ["https://app.example.com"], return_to: "https://app.example.com/settings" },
        },
      },
    },
    responses: { 201: { description: "Created", schema: createdConnectSessionSchema } },
    errors: [...ACTING_APP, "unknown_authenticator", "authenticator_disabled", "no_authenticators", "invalid_origin", "return_to_not_allowed"],
  },
  {
    method: "get", path: "/api/v1/connect/session", operationId: "describeConnectSession", summary: "Describe the connect session",
    description: "With a connect session token (from the app's page, cross-origin): the app, its allowed authenticators and where each stands.",
    tag: "Connect", auth: "connect", scope: "connections:read",
    responses: { 200: { description: "The session", schema: connectSessionViewSchema } },
    errors: ["connect_session_required"],
  },
  preflight("/api/v1/connect/session", "preflightDescribeConnectSession", "Connect"),
  {
    method: "get", path: "/api/v1/end-users", operationId: "listEndUsers", summary: "List end users",
    description: "The app's end users and their connections, searchable (q), filtered by tag=name:value (repeatable) and connection status, paged by cursor.",
    tag: "Connect", auth: "user", scope: "connections:read",
    params: { query: listEndUsersQuerySchema },
    responses: { 200: { description: "One page", schema: endUsersPageSchema } },
    errors: [...ACTING_APP, "invalid_cursor"],
  },
  {
    method: "delete", path: "/api/v1/end-users/{end_user_id}", operationId: "deleteEndUser", summary: "Delete an end user",
    description: "Revokes and deletes all of the end user's connections in the app, then the end user.",
    tag: "Connect", auth: "user", scope: "connections:write",
    params: { path: endUserPath, query: endUserQuerySchema },
    responses: { 204: { description: "Deleted" } },
    errors: ACTING_APP,
  },
  {
    method: "get", path: "/connect/{token}/start/{authenticator_id}", operationId: "startEndUserConnection", summary: "An end user starts connecting",
    description:
      "The hosted page's Connect button (or the browser SDK's popup): 303 to the provider. A refusal (unknown, expired or used-up link, " +
      "an authenticator or origin the session does not allow) is a 303 too: back to the hosted page with ?error=, or for a popup to " +
      "/connect/complete, which tells the opener.",
    tag: "Connect", auth: "none", lenient: true,
    params: { path: startPath, query: connectStartQuerySchema },
    responses: { 303: { description: "To the provider, or back with the reason", headers: redirectHeaders } },
  },
  {
    method: "get", path: "/connect/complete", operationId: "finishEndUserConnection", summary: "Where an end user's connect flow ends",
    description: "303 back to the app's return_to, or an HTML page: a popup posts the outcome to its opener (at the session's allowed origin only) and closes.",
    tag: "Connect", auth: "none", lenient: true,
    params: { query: connectCompleteQuerySchema },
    responses: {
      200: { description: "A page that says the account is connected (or messages the opener)", contentType: "text/html" },
      303: { description: "Back to the app", headers: redirectHeaders },
      400: { description: "A page that says the account was not connected, or that there is nothing to finish", contentType: "text/html" },
    },
  },
];
