import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { AuthenticatorConfiguration, RegisteredAuthenticator, UpdateAuthenticatorInput } from "../../schemas/authenticators";
import { connectionConfigVariables, getTemplate } from "../../templates/catalog";
import { requireScope, type AuthedContext } from "../auth/actor";
import { MANAGE_ROLES } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { encryptSecret } from "../crypto/encryption";
import { fingerprintSecret } from "../crypto/secret-fingerprint";
import { getPrisma } from "../db/client";
import { ConflictError } from "../errors";
import { findAuthenticatorRow } from "./get-authenticator-or-throw";
import { checkRedirectUri } from "./redirect-uri";
import { resolveEndpoints } from "./resolve-endpoints";
import { secretHint, serializeAuthenticator, withConnectionsCount } from "./serialize-authenticator";

/**
 * Partial update: scopes, URLs, configuration, name, client_id, a new client_secret (rotation) or
 * is_active. The type and authenticator_id never change. The audit event lists what changed, never
 * the secret.
 */
export async function updateAuthenticator({ ctx, authenticatorId, input }: {
  ctx: AuthedContext;
  authenticatorId: string;
  input: UpdateAuthenticatorInput;
}): Promise<RegisteredAuthenticator> {
  requireScope(ctx, "authenticators:write");
  const current = await findAuthenticatorRow(getPrisma(), ctx, authenticatorId, MANAGE_ROLES);
  const configuration = input.configuration ?? (current.configuration as AuthenticatorConfiguration);
  const endpointsChanged = input.authorize_url || input.token_url || input.scopes || input.configuration;
  // New per-account values (a different shop, tenant or subdomain) re-derive the template's URLs.
  const template = getTemplate(current.authenticatorType);
  const rederive = !!(template && input.configuration?.connection_config && connectionConfigVariables(template).length);
  const endpoints = endpointsChanged
    ? await resolveEndpoints({
        type: current.authenticatorType,
        authorizeUrl: input.authorize_url ?? (rederive ? undefined : current.authorizeUrl),
        tokenUrl: input.token_url ?? (rederive ? undefined : current.tokenUrl),
        scopes: input.scopes ?? (current.scopes as string[]),
        configuration,
      })
    : null;
  if (input.redirect_uri && checkRedirectUri(input.redirect_uri, authenticatorId) !== authenticatorId) {
    throw new ConflictError("redirect_uri must end with this authenticator's own id", "redirect_uri_mismatch", [
      { path: "redirect_uri", message: `Must be …/auth/callback/${authenticatorId}` },
    ]);
  }
  // Slow on purpose (scrypt): computed before the transaction, so no connection waits on it.
  const fingerprint = input.client_secret === undefined ? null : await fingerprintSecret(input.client_secret);

  return getPrisma().$transaction(async (tx) => {
    const data: Prisma.OAuthAuthenticatorUpdateInput = {};
    if (input.name !== undefined && input.name !== current.authenticatorName) {
      if (await tx.oAuthAuthenticator.count({ where: { appId: current.appId, authenticatorName: input.name } })) {
        throw new ConflictError(`An authenticator named "${input.name}" already exists in ${current.appId}`, "authenticator_exists", [
          { path: "name", message: "Already used in this app" },
        ]);
      }
      data.authenticatorName = input.name;
    }
    if (input.client_id !== undefined) data.clientId = input.client_id;
    if (input.client_secret !== undefined) {
      const secret = encryptSecret(input.client_secret, { table: "oauth_authenticators", rowId: authenticatorId, field: "client_secret" });
      Object.assign(data, {
        clientSecret: secret.ciphertext,
        encryptionKeyId: secret.keyId,
        clientSecretHint: secretHint(input.client_secret),
        clientSecretFingerprint: fingerprint,
      });
    }
    if (endpoints) Object.assign(data, { authorizeUrl: endpoints.authorizeUrl, tokenUrl: endpoints.tokenUrl, scopes: endpoints.scopes });
    if (input.configuration !== undefined) data.configuration = input.configuration as Prisma.InputJsonObject;
    if (input.redirect_uri !== undefined) data.redirectUri = input.redirect_uri;
    if (input.is_active !== undefined) data.isActive = input.is_active;

    const row = await tx.oAuthAuthenticator.update({ where: { authenticatorId }, data, include: withConnectionsCount });
    const changed = Object.keys(input).filter((k) => k !== "client_secret");
    await recordEvent(tx, ctx, {
      type: input.is_active === false ? "authenticator.disabled" : input.is_active === true ? "authenticator.enabled" : "authenticator.updated",
      appId: row.appId,
      authenticatorId,
      provider: row.authenticatorType,
      details: {
        changed,
        client_secret_rotated: input.client_secret !== undefined,
        ...(input.scopes ? { scopes_before: current.scopes as string[], scopes_after: endpoints?.scopes ?? [] } : {}),
      },
    });
    return { ...serializeAuthenticator(row), warnings: endpoints?.warnings ?? [] };
  });
}
