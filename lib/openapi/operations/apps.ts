import { z } from "zod";
import { apiKeyListSchema, createApiKeySchema, createdApiKeySchema, publicApiKeySchema } from "../../schemas/api-keys";
import {
  addMemberSchema, appListSchema, createAppSchema, deleteAppQuerySchema, memberListSchema, memberRoleSchema, publicAppSchema, publicMemberSchema,
  updateAppSchema, updateMemberSchema,
} from "../../schemas/apps";
import { intIdSchema } from "../../schemas/common";
import type { Operation } from "../operation";
import { APP_ACCESS, appPath } from "./common";

const memberPath = appPath.extend({ user_id: intIdSchema.describe("The member's user id") });
const keyPath = z.object({ key_id: z.uuid().describe("The API key's id") });

export const appOperations: Operation[] = [
  {
    method: "get", path: "/api/v1/apps", operationId: "listApps", summary: "List apps",
    description: "The apps the caller belongs to, with the caller's role in each.", tag: "Apps", auth: "user",
    responses: { 200: { description: "The apps", schema: appListSchema } },
  },
  {
    method: "post", path: "/api/v1/apps", operationId: "createApp", summary: "Create an app",
    description: "The caller becomes its owner. app_id is derived from the name when omitted.", tag: "Apps", auth: "session",
    body: { schema: createAppSchema, examples: { app: { summary: "An app", value: { name: "Email Assistant", app_id: "email-assistant" } } } },
    responses: { 201: { description: "Created", schema: publicAppSchema } },
    errors: ["app_id_taken"],
  },
  {
    method: "get", path: "/api/v1/apps/{app_id}", operationId: "getApp", summary: "Get an app", tag: "Apps", auth: "user",
    params: { path: appPath },
    responses: { 200: { description: "The app and the caller's role in it", schema: publicAppSchema } },
    errors: APP_ACCESS,
  },
  {
    method: "patch", path: "/api/v1/apps/{app_id}", operationId: "updateApp", summary: "Rename an app", description: "Owners only.", tag: "Apps", auth: "session",
    params: { path: appPath }, body: { schema: updateAppSchema },
    responses: { 200: { description: "The app", schema: publicAppSchema } },
    errors: APP_ACCESS,
  },
  {
    method: "delete", path: "/api/v1/apps/{app_id}", operationId: "deleteApp", summary: "Delete an app",
    description: "With its authenticators and connections (revoked at the providers). Owners only; repeat the app_id in `confirm`.", tag: "Apps", auth: "session",
    params: { path: appPath, query: deleteAppQuerySchema.extend({ confirm: z.string().max(100).optional().describe("The app_id again") }) },
    responses: { 204: { description: "Deleted" } },
    errors: [...APP_ACCESS, "confirmation_required"],
  },
  {
    method: "get", path: "/api/v1/apps/{app_id}/members", operationId: "listMembers", summary: "List members", tag: "Apps", auth: "user",
    params: { path: appPath },
    responses: { 200: { description: "The members and their roles", schema: memberListSchema } },
    errors: APP_ACCESS,
  },
  {
    method: "post", path: "/api/v1/apps/{app_id}/members", operationId: "addMember", summary: "Add a member",
    description: "An existing account, by email. Owners only.", tag: "Apps", auth: "session",
    params: { path: appPath }, body: { schema: addMemberSchema, examples: { developer: { summary: "A developer", value: { email: "teammate@example.com", role: "developer" } } } },
    responses: { 201: { description: "Added", schema: publicMemberSchema } },
    errors: [...APP_ACCESS, "user_not_found", "already_member"],
  },
  {
    method: "patch", path: "/api/v1/apps/{app_id}/members/{user_id}", operationId: "updateMemberRole", summary: "Change a member's role",
    description: "Owners only; the last owner stays an owner.", tag: "Apps", auth: "session",
    params: { path: memberPath }, body: { schema: updateMemberSchema },
    responses: { 200: { description: "The new role", schema: memberRoleSchema } },
    errors: [...APP_ACCESS, "member_not_found", "last_owner"],
  },
  {
    method: "delete", path: "/api/v1/apps/{app_id}/members/{user_id}", operationId: "removeMember", summary: "Remove a member",
    description: "Owners only; anyone may remove themselves. Their connections in the app are revoked.", tag: "Apps", auth: "session",
    params: { path: memberPath },
    responses: { 204: { description: "Removed" } },
    errors: [...APP_ACCESS, "member_not_found", "last_owner"],
  },
  {
    method: "get", path: "/api/v1/api-keys", operationId: "listApiKeys", summary: "List API keys",
    description: "The signed-in user's keys (never the key itself).", tag: "API keys", auth: "session",
    responses: { 200: { description: "The keys", schema: apiKeyListSchema } },
  },
  {
    method: "post", path: "/api/v1/api-keys", operationId: "createApiKey", summary: "Create an API key",
    description: "The answer is the only time the key (`fw_live_…`) is shown. A key cannot mint keys.", tag: "API keys", auth: "session",
    body: {
      schema: createApiKeySchema,
      examples: { ci: { summary: "A read-only key for one app", value: { name: "CI", app_id: "email-assistant", scopes: ["authenticators:read"], expires_in_days: 90 } } },
    },
    responses: { 201: { description: "Created (Cache-Control: no-store)", schema: createdApiKeySchema } },
    errors: APP_ACCESS,
  },
  {
    method: "delete", path: "/api/v1/api-keys/{key_id}", operationId: "revokeApiKey", summary: "Revoke an API key",
    description: "It stops working on the next request. Revoking twice answers the same.", tag: "API keys", auth: "session",
    params: { path: keyPath },
    responses: { 200: { description: "The revoked key", schema: publicApiKeySchema } },
  },
];
