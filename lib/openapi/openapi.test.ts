import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { discoverRoutes } from "../../e2e/fuzz/routes";
import { registerAuthenticatorSchema } from "../schemas/authenticators";
import { WEBHOOK_EVENT_TYPES } from "../schemas/webhooks";
import { buildOpenApiDocument } from "./build-document";
import { OPERATIONS } from "./operations";
import { CUSTOM_EXAMPLE, GOOGLE_EXAMPLE, MICROSOFT_EXAMPLE } from "./spec-examples";

// Route files that are not API operations, and why.
const NOT_OPERATIONS: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own routes (CSRF, credentials sign-in, session, sign-out): the web UI's, not part of the API",
  "/api/[...path]": "the catch-all that answers unknown /api paths 404 route_not_found",
  "/docs/api": "the HTML page that renders this document",
};

const doc = buildOpenApiDocument({ serverUrl: "http://localhost:3000" });

/** /api/v1/apps/[appId] and /api/v1/apps/{app_id} both become /api/v1/apps/{}. */
const shape = (pattern: string) => pattern.replace(/\[[^\]]+\]|\{[^}]+\}/g, "{}");

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended lint with no error", async () => {
    const config = await createConfig({ extends: ["recommended"], rules: { "info-license-url": "off", "operation-4xx-response": "off" } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it("describes every method of every route file, and nothing else", () => {
    const routes = discoverRoutes().filter((r) => r.kind === "api" && !(r.pattern in NOT_OPERATIONS));
    const fromFiles = routes.flatMap((r) => r.methods.map((m) => `${m} ${shape(r.pattern.replace(/\/\[\.\.\.proxyPath\]$/, "/[path]"))}`)).sort();
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${shape(op.path)}`).sort();
    expect(documented).toEqual(fromFiles);
    expect(new Set(OPERATIONS.map((op) => op.operationId)).size).toBe(OPERATIONS.length);
  });

  it("gives every operation its auth, an answer and its error codes by status", () => {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { security?: unknown[]; responses: Record<string, unknown> }>)) {
        expect(op.security, `${method} ${path}`).toBeDefined();
        expect(Object.keys(op.responses).some((s) => /^[23]\d\d$|^default$/.test(s)) || method !== "options", `${method} ${path}`).toBe(true);
        expect(op.responses["500"], `${method} ${path}`).toBeDefined();
      }
    }
    const token = doc.paths!["/api/v1/credentials/connections/{authenticator_id}/token"]!.get!;
    const conflict = (token.responses!["409"] as { content: Record<string, { schema: { allOf: Array<{ properties?: { error: { properties: { code: { enum: string[] } } } } }> } }> }).content["application/json"]!.schema.allOf[1]!;
    expect(conflict.properties!.error.properties.code.enum).toEqual(expect.arrayContaining(["reauthorization_required", "token_expired"]));
    expect(token["x-fiberwise-scopes" as never]).toEqual(["tokens:read"]);
    expect(Object.keys(doc.webhooks ?? {})).toEqual([...WEBHOOK_EVENT_TYPES]);
    const params = (doc.paths!["/api/v1/proxy/{authenticator_id}/{path}"]!.post!.parameters ?? []) as Array<{ name: string; in: string }>;
    expect(params.filter((p) => p.in === "header").map((p) => p.name)).toEqual(expect.arrayContaining(["fiberwise-end-user-id", "fiberwise-user-id", "fiberwise-retries"]));
  });

  it("shows the spec's registration examples, and each is valid for its schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: "doc" });
    const body = doc.paths!["/api/v1/oauth/authenticators"]!.post!.requestBody as { content: Record<string, { examples: Record<string, { value: unknown }> }> };
    const examples = body.content["application/json"]!.examples;
    expect(Object.keys(examples)).toEqual(["google", "microsoft", "custom"]);
    for (const text of [GOOGLE_EXAMPLE, MICROSOFT_EXAMPLE, CUSTOM_EXAMPLE]) expect(registerAuthenticatorSchema.safeParse(JSON.parse(text)).success).toBe(true);
    // Every example in the document matches the schema beside it.
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { requestBody?: { content: Record<string, { schema: object; examples?: Record<string, { value: unknown }> }> } }>)) {
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            const validate = ajv.compile({ $ref: `doc#/paths/${pointer(path)}/${method}/requestBody/content/${pointer(type)}/schema` });
            expect(validate(example.value), `${method} ${path} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});

const pointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
