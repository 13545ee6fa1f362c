import { z } from "zod";
import { appIdSchema } from "./apps";

export const API_KEY_SCOPES = [
  "authenticators:read",
  "authenticators:write",
  "connections:read",
  "connections:write",
  "tokens:read",
  "connect:write",
  "webhooks:read",
  "webhooks:write",
  "proxy",
  "mcp",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "authenticators:read": "List and read authenticators (never their secrets)",
  "authenticators:write": "Register, update and delete authenticators",
  "connections:read": "List connections and their status",
  "connections:write": "Start and revoke connections",
  "tokens:read": "Read valid access tokens for connected accounts",
  "connect:write": "Create connect sessions for your app's end users",
  "webhooks:read": "List webhook endpoints and their delivery logs",
  "webhooks:write": "Add, change, rotate, test and remove webhook endpoints",
  proxy: "Call providers' APIs through the proxy as a connected user (the token never leaves the platform)",
  mcp: "Use the MCP server: list, connect and disconnect accounts and call APIs for a user (never a token)",
};

export const createApiKeySchema = z.strictObject({
  name: z.string({ error: "Name is required" }).trim().min(1, { error: "Name is required" }).max(80),
  app_id: appIdSchema.nullable().optional(),
  // "*": every scope, including scopes added in later versions (the bootstrap key has it).
  scopes: z
    .array(z.enum([...API_KEY_SCOPES, "*"], { error: `Unknown scope; known scopes: ${API_KEY_SCOPES.join(", ")}, or "*" for all` }))
    .min(1, { error: "Choose at least one scope" })
    .default([...API_KEY_SCOPES]),
  expires_in_days: z.number().int().min(1).max(3650).nullable().optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/** An API key as every read answers it: never the key, only its prefix. */
export const publicApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe("The first characters of the key (fw_live_ab12), to recognise it by"),
    app_id: z.string().nullable(),
    scopes: z.array(z.string()),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "ApiKey" });
export type PublicApiKey = z.infer<typeof publicApiKeySchema>;

/** POST /api/v1/api-keys (201): the only time the key itself is shown. */
export const createdApiKeySchema = publicApiKeySchema.extend({ key: z.string().describe("fw_live_…: shown once") }).meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyListSchema = z.object({ api_keys: z.array(publicApiKeySchema) });
