import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { recordEvent } from "../audit/record-event";
import { getPrisma } from "../db/client";
import type { RevocationResult } from "../grants/revoke-at-provider";
import { forgetGrant } from "../grants/fast-row-cache";
import { revokeStoredGrant } from "../grants/revoke-grants";
import { savePendingRevocations, type FailedRevocation } from "../grants/revocation-retries";
import { enqueueConnectionsDeleted } from "../webhooks/enqueue-event";
import { wakeEvents } from "../webhooks/webhook-queue";
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
  const { result, retry }: { result: RevocationResult; retry: FailedRevocation | null } = grant
    ? await revokeStoredGrant(connection.authenticator, grant)
    : { result: "not_supported", retry: null };
  const events = await getPrisma().$transaction(async (tx) => {
    const events = await enqueueConnectionsDeleted(tx, { authId: connection.authId }, deletedBy(ctx, input), disconnectedBy(ctx, input));
    await tx.userAppOAuthAuthentication.update({
      where: { authId: connection.authId },
      data: { grantId: null, authStatus: "revoked", statusReason: disconnectedBy(ctx, input), isActive: false },
    });
    if (grant) await tx.oAuthTokenGrant.delete({ where: { grantId: grant.grantId } });
    if (retry) await savePendingRevocations(tx, [retry]);
    await recordEvent(tx, ctx, {
      type: "oauth.disconnected",
      outcome: result === "revoked" || result === "not_supported" ? "success" : "failure",
      appId: connection.appId,
      authenticatorId: connection.authenticatorId,
      subjectUserId: connection.userId,
      provider: connection.authenticator.authenticatorType,
      details: {
        provider_revocation: result, tokens_removed_locally: !!grant, ...(retry ? { revocation_retry_queued: true } : {}),
        ...(input.endUserId || ctx.actor.connectSession ? { end_user_id: input.endUserId ?? ctx.actor.connectSession!.endUserId } : {}),
      },
    });
    return events;
  });
  if (grant) forgetGrant(grant.grantId);
  await wakeEvents(events);
  return { provider_revocation: result };
}

function deletedBy(ctx: AuthedContext, input: ConnectionRequest): "end_user" | "app" | "user" {
  if (ctx.actor.via === "connect_session") return "end_user";
  return input.endUserId ? "app" : "user";
}

function disconnectedBy(ctx: AuthedContext, input: ConnectionRequest): string {
  if (ctx.actor.via === "connect_session") return "Disconnected by the end user";
  if (input.endUserId) return "Disconnected by the app";
  return "Disconnected by the user";
}
