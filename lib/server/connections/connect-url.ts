import "server-only";
import type { AuthedContext } from "../auth/actor";
import { AppError } from "../errors";
import { createConnectLink } from "./create-connect-link";
import type { SubjectRequest } from "./resolve-subject";

/** Refusals a user can fix by connecting (again). */
const FIXED_BY_CONNECTING = new Set(["connection_not_found", "reauthorization_required", "token_expired"]);

/**
 * Add connect_url to a refusal the user can fix by connecting, when the caller may make the link
 * (for an end user that means minting a connect session: connect:write, an owner or developer);
 * other errors, and refusals the caller cannot make a link for, pass unchanged.
 */
export async function withConnectUrl(ctx: AuthedContext, request: SubjectRequest & { authenticatorId: string }, error: unknown): Promise<unknown> {
  if (!(error instanceof AppError) || !FIXED_BY_CONNECTING.has(error.code)) return error;
  const link = await createConnectLink({ ctx, input: request }).catch(() => null);
  if (link) error.extra.connect_url = link.connect_url;
  return error;
}
