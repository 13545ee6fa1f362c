import "server-only";
import { randomUUID } from "node:crypto";
import {
  CONNECT_SESSION_TOKEN_PREFIX, CONNECT_SESSION_TTL_MINUTES, type CreateConnectSessionInput, type CreatedConnectSession,
} from "../../schemas/end-users";
import { requireScope, type AuthedContext } from "../auth/actor";
import { requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { randomToken, sha256Hex } from "../crypto/hash";
import { getPrisma } from "../db/client";
import { upsertEndUser } from "../end-users/upsert-end-user";
import { appUrl } from "../env";
import { ValidationError, type ErrorCode, type ErrorDetail } from "../errors";
import { requireActingAppId } from "../policy/app-access";
import { END_USER_MANAGER_ROLES } from "../policy/end-user-access";
import { checkOrigin, checkReturnTo } from "./origins";


// Which code names the whole refusal when several problems are found (details list them all).
const PRECEDENCE: ErrorCode[] = ["unknown_authenticator", "authenticator_disabled", "no_authenticators", "invalid_origin", "return_to_not_allowed"];

/**
 * The app's backend mints a connect session for one of its end users (created on first sight): a
 * token that lives 30 minutes, is stored only as a hash, and lets that end user connect the allowed
 * authenticators from the allowed origins, list their statuses and disconnect them.
 */
export async function createConnectSession({ ctx, input }: { ctx: AuthedContext; input: CreateConnectSessionInput }): Promise<CreatedConnectSession> {
  requireScope(ctx, "connect:write");
  const db = getPrisma();
  const appId = requireActingAppId(ctx.actor, input.app_id);
  await requireAppRole(db, ctx, appId, END_USER_MANAGER_ROLES);

  const problems: ErrorDetail[] = [];
  const origins: string[] = [];
  (input.allowed_origins ?? []).forEach((raw, i) => {
    const check = checkOrigin(raw);
    if (check.ok) origins.push(check.origin);
    else problems.push({ path: `allowed_origins.${i}`, message: `${raw} ${check.reason}`, code: "invalid_origin" });
  });
  let returnTo: string | null = null;
  if (input.return_to !== undefined) {
    const check = checkReturnTo(input.return_to, origins);
    if (check.ok) returnTo = check.origin;
    else problems.push({ path: "return_to", message: `return_to ${check.reason}`, code: "return_to_not_allowed" });
  }
  const authenticators = await db.oAuthAuthenticator.findMany({ where: { appId }, select: { authenticatorId: true, isActive: true } });
  const byId = new Map(authenticators.map((a) => [a.authenticatorId, a]));
  const requested = input.allowed_authenticators ? [...new Set(input.allowed_authenticators)] : authenticators.filter((a) => a.isActive).map((a) => a.authenticatorId);
  requested.forEach((id, i) => {
    const found = byId.get(id);
    if (!found) problems.push({ path: `allowed_authenticators.${i}`, message: `The app "${appId}" has no authenticator "${id}"`, code: "unknown_authenticator" });
    else if (!found.isActive) problems.push({ path: `allowed_authenticators.${i}`, message: `The authenticator "${id}" is disabled`, code: "authenticator_disabled" });
  });
  if (!requested.length) problems.push({ path: "allowed_authenticators", message: `The app "${appId}" has no enabled authenticator to connect`, code: "no_authenticators" });
  if (problems.length) {
    const code = PRECEDENCE.find((c) => problems.some((p) => p.code === c))!;
    throw new ValidationError(problems.length === 1 ? problems[0]!.message : "The connect session request is invalid", problems, code);
  }

  const id = randomUUID();
  const token = `${CONNECT_SESSION_TOKEN_PREFIX}${randomToken(32)}`;
  const expiresAt = new Date(Date.now() + CONNECT_SESSION_TTL_MINUTES * 60_000);
  await db.$transaction(async (tx) => {
    const endUser = await upsertEndUser(tx, appId, input.end_user);
    await tx.connectSession.create({
      data: {
        id, tokenHash: sha256Hex(token), appId, userId: endUser.userId, allowedAuthenticators: requested, allowedOrigins: origins, returnTo, expiresAt,
        createdById: ctx.actor.userId, createdByApiKeyId: ctx.actor.apiKeyId ?? null,
      },
    });
    if (endUser.created) {
      await recordEvent(tx, ctx, { type: "end_user.created", appId, subjectUserId: endUser.userId, details: { end_user_id: input.end_user.id } });
    }
    await recordEvent(tx, ctx, {
      type: "connect_session.created", appId, subjectUserId: endUser.userId,
      details: { session_id: id, end_user_id: input.end_user.id, allowed_authenticators: requested, allowed_origins: origins, expires_at: expiresAt.toISOString() },
    });
  });
  return {
    id, token, connect_url: `${appUrl()}/connect/${token}`, expires_at: expiresAt.toISOString(), app_id: appId, end_user_id: input.end_user.id,
    allowed_authenticators: requested, allowed_origins: origins, return_to: returnTo,
  };
}
