import { AUTHENTICATOR_TYPES, getTemplate } from "../templates/catalog";
import { CUSTOM_TYPE } from "../templates/types";
import { REQUIRED_FIELDS, registrationSchema, UNKNOWN_TYPE, type RegisterAuthenticatorInput } from "./authenticator-fields";

// The registration rules (./authenticator-fields.ts) applied with the in-code template catalogue:
// the route handlers and the CLI. Browser code imports ./authenticator-fields.ts instead, which
// leaves the catalogue out of its bundle.
export * from "./authenticator-fields";

export const registerAuthenticatorSchema = registrationSchema((type) => !!getTemplate(type));

export type RegistrationProblem = {
  code: "missing_required_fields" | "unknown_authenticator_type" | "validation_error";
  message: string;
  details: Array<{ path: string; message: string; code?: string; known_types?: string[] }>;
};

/**
 * Validate a registration body and report every problem at once, with the spec's messages:
 * "Missing required fields" naming each field, and an unknown type listing the known types.
 */
export function parseRegistration(body: unknown):
  | { ok: true; data: RegisterAuthenticatorInput }
  | { ok: false; problem: RegistrationProblem } {
  const parsed = registerAuthenticatorSchema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const record = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const missing = REQUIRED_FIELDS.filter((f) => record[f] === undefined || record[f] === null || record[f] === "");
  const details: RegistrationProblem["details"] = missing.map((f) => ({ path: f, message: `${f} is required`, code: "required" }));
  let unknownType = false;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join(".");
    if (missing.includes(path as (typeof REQUIRED_FIELDS)[number])) continue;
    if (path === "authenticator_type" && issue.message === UNKNOWN_TYPE) {
      unknownType = true;
      details.push({
        path,
        message: `Unknown authenticator_type "${String(record.authenticator_type)}"; use one of the known types or "custom"`,
        code: "unknown_type",
        known_types: AUTHENTICATOR_TYPES,
      });
      continue;
    }
    details.push({ path, message: issue.message, code: issue.code });
  }
  // The custom-URL rule is a refinement, which zod skips while other fields are invalid: check it here too.
  if (String(record.authenticator_type ?? "").toLowerCase() === CUSTOM_TYPE) {
    for (const field of ["authorize_url", "token_url"]) {
      if (!record[field] && !details.some((d) => d.path === field)) {
        details.push({ path: field, message: `${field} is required for a custom authenticator`, code: "custom" });
      }
    }
  }
  if (missing.length) {
    return { ok: false, problem: { code: "missing_required_fields", message: `Missing required fields: ${missing.join(", ")}`, details } };
  }
  if (unknownType) {
    const shown = AUTHENTICATOR_TYPES.slice(0, 8).join(", ");
    return {
      ok: false,
      problem: {
        code: "unknown_authenticator_type",
        message: `Unknown authenticator_type "${String(record.authenticator_type)}". Known types: ${shown}, … (${AUTHENTICATOR_TYPES.length} in all; GET /api/v1/oauth/templates lists them), or "custom".`,
        details,
      },
    };
  }
  return { ok: false, problem: { code: "validation_error", message: "The authenticator configuration is invalid", details } };
}

