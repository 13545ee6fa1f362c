import { z } from "zod";
import { meSchema, publicUserSchema, signUpSchema } from "../../schemas/auth";
import { deliveryRunSchema, sweepResultSchema } from "../../schemas/cron";
import { healthSchema } from "../../schemas/health";
import type { Operation } from "../operation";

const cron = (path: string, name: string, summary: string, description: string, schema: z.ZodType): Operation[] =>
  (["post", "get"] as const).map((method) => ({
    method,
    path,
    operationId: `${name}${method === "get" ? "ViaGet" : ""}`,
    summary: method === "get" ? `${summary} (GET, as Vercel Cron calls it)` : summary,
    description,
    tag: "Operations",
    auth: "cron",
    responses: { 200: { description: "Done", schema } },
  }));

export const platformOperations: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    summary: "Health",
    description: "Liveness and readiness in one: the database answers and no migration is pending.",
    tag: "Operations",
    auth: "none",
    responses: {
      200: { description: "Healthy", schema: healthSchema },
      503: { description: "The database is unreachable or migrations are pending", schema: healthSchema },
    },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This API reference (OpenAPI 3.1)",
    description: "Generated from the zod schemas in lib/schemas that the route handlers parse and answer with. Rendered at /docs/api.",
    tag: "Operations",
    auth: "none",
    responses: { 200: { description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) } },
  },
  {
    method: "post",
    path: "/api/v1/auth/signup",
    operationId: "signUp",
    summary: "Create an account",
    description: "The first account on an instance becomes its platform admin. Limited per client address. Sign in afterwards with next-auth (`/api/auth/*`, not described here).",
    tag: "Account",
    auth: "none",
    body: { schema: signUpSchema, examples: { account: { summary: "An account", value: { email: "dev@example.com", password: "a perfectly long passphrase", name: "Dev" } } } },
    responses: { 201: { description: "Created", schema: publicUserSchema } },
    errors: ["email_taken", "rate_limited"],
  },
  {
    method: "get",
    path: "/api/v1/me",
    operationId: "getMe",
    summary: "Who am I",
    description: "The user the session or API key acts for, the key's app restriction and its scopes.",
    tag: "Account",
    auth: "user",
    responses: { 200: { description: "The caller", schema: meSchema } },
  },
  ...cron(
    "/api/cron/refresh-tokens",
    "runRefreshSweep",
    "Run one token refresh sweep",
    "Refreshes grants that expire soon (for up to REFRESH_SWEEP_TIME_SLICE_MS) and writes the usage counted in memory. For deployments without `npm run worker`.",
    sweepResultSchema,
  ),
  ...cron(
    "/api/cron/deliver-webhooks",
    "runWebhookDeliveries",
    "Deliver due webhooks and retry revocations",
    "Attempts every due webhook delivery for up to 50 s, then the provider revocations that are due for a retry.",
    deliveryRunSchema,
  ),
];
