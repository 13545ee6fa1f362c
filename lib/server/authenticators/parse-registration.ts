import "server-only";
import { parseRegistration, type RegisterAuthenticatorInput } from "../../schemas/authenticators";
import { ValidationError } from "../errors";

/** The shared registration check, as the API's 422 with the spec's messages. */
export function parseRegistrationOrThrow(body: unknown): RegisterAuthenticatorInput {
  const result = parseRegistration(body);
  if (!result.ok) throw new ValidationError(result.problem.message, result.problem.details, result.problem.code);
  return result.data;
}
