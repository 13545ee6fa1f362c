import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import type { RevocationResult } from "../grants/revoke-at-provider";
import { revokeStoredGrant } from "../grants/revoke-grants";
import { findConnection, type ConnectionRequest } from "./find-connection";

/**
 * Disconnect (the spec's "User disconnects → Revoked"): revoke at the provider first, then remove
 * the tokens locally whether or not the provider answered, and record which it was.
 */
export async function revokeConnection({ ctx, input }: {
  ctx: AuthedContext;
  input: ConnectionRequest;
}): Promise<{ provider_revocation: RevocationResult }> {
  requireScope(ctx, "connections:write");
  const connection = await findConnection(ctx, input);
  const grant = connection.grant;
  const result: RevocationResult = grant ? await revokeStoredGrant(connection.authenticator, grant) : "not_supported";
  await getPrisma().$transaction(async (tx) => {
    await tx.userAppOAuthAuthentication.update({
      where: { authId: connection.authId },
      data: { grantId: null, authStatus: "revoked", statusReason: disconnectedBy(ctx, input), isActive: false },
    });
    if (grant) await tx.oAuthTokenGrant.delete({ where: { grantId: grant.grantId } });
    await recordEvent(tx, ctx, {
      type: "oauth.disconnected",
      outcome: result === "revoked" || result === "not_supported" ? "success" : "failure",
      appId: connection.appId,
      authenticatorId: connection.authenticatorId,
      subjectUserId: connection.userId,
      provider: connection.authenticator.authenticatorType,
      details: {
        provider_revocation: result, tokens_removed_locally: !!grant,
        ...(input.endUserId || ctx.actor.connectSession ? { end_user_id: input.endUserId ?? ctx.actor.connectSession!.endUserId } : {}),
      },
    });
  });
  return { provider_revocation: result };
}

function disconnectedBy(ctx: AuthedContext, input: ConnectionRequest): string {
  if (ctx.actor.via === "connect_session") return "Disconnected by the end user";
  if (input.endUserId) return "Disconnected by the app";
  return "Disconnected by the user";
}
