import "server-only";
import { proxyPathProblem } from "../../schemas/proxy-path";
import { requireScope, type AuthedContext } from "../auth/actor";
import { withConnectUrl } from "../connections/connect-url";
import { resolveValidToken } from "../connections/resolve-valid-token";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { refreshedAccessToken } from "../grants/refreshed-access-token";
import { callProvider } from "./call-provider";
import { providerApi } from "./provider-api";
import type { ProxyAnswer, ProxyInput } from "./proxy-types";
import { relayAnswer } from "./relay-answer";

export type { ProxyAnswer, ProxyInput } from "./proxy-types";

/**
 * Call the provider's API as a connected user without handing anyone the token: the connection is
 * resolved as for the token endpoint (the caller's own, a member's with user_id, an end user's with
 * end_user_id; refreshed first when due), the request goes to the authenticator's API base with
 * the caller's headers minus its credentials, and the provider's answer streams back as it is.
 * Only the proxy's own failures are errors in the envelope.
 */
export async function proxyRequest({ ctx, input }: { ctx: AuthedContext; input: ProxyInput }): Promise<ProxyAnswer> {
  requireScope(ctx, "proxy");
  if (ctx.actor.via !== "api_key") throw new ForbiddenError("The proxy is for backends and agents: send an API key with the proxy scope", "api_key_required");
  const problem = proxyPathProblem(input.path);
  if (problem) throw new ValidationError(problem, [{ path: "path", message: problem }], "invalid_proxy_path");

  const subject = { appId: input.control.app_id, userId: input.control.user_id, endUserId: input.control.end_user_id, authenticatorId: input.authenticatorId };
  const valid = await resolveValidToken(ctx, subject).catch(async (error: unknown) => {
    throw await withConnectUrl(ctx, subject, error);
  });
  const api = providerApi(valid.authenticatorType, valid.configuration, valid.clientId);
  if (!api) {
    throw new ConflictError(
      `The authenticator "${input.authenticatorId}" has no API base URL: set configuration.api_base_url (PATCH /api/v1/oauth/authenticators/${input.authenticatorId})`,
      "proxy_not_configured",
    );
  }
  const answer = await callProvider(valid.appId, input, api, valid.token.access_token, () => refreshedAccessToken(valid.grantId));
  return relayAnswer(answer, input.authenticatorId, api.base);
}
