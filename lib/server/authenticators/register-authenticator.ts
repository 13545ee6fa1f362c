import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { slugify } from "../../schemas/apps";
import type { RegisterAuthenticatorInput, RegisteredAuthenticator } from "../../schemas/authenticators";
import { CUSTOM_TYPE, getTemplate } from "../../templates/catalog";
import { requireScope, type AuthedContext } from "../auth/actor";
import { MANAGE_ROLES, requireAppRole } from "../auth/permissions";
import { requireActingAppId } from "../policy/app-access";
import { recordEvent } from "../audit/record-event";
import { encryptSecret } from "../crypto/encryption";
import { fingerprintSecret } from "../crypto/secret-fingerprint";
import { getPrisma, type Tx } from "../db/client";
import { ConflictError } from "../errors";
import { checkRedirectUri, defaultRedirectUri } from "./redirect-uri";
import { resolveEndpoints } from "./resolve-endpoints";
import { secretHint, serializeAuthenticator, withConnectionsCount } from "./serialize-authenticator";

export type { RegisteredAuthenticator };

// Serialises authenticator_id allocation, so two registrations cannot both take "google-2".
const ID_ALLOCATION_LOCK = 7302;

/** Register an OAuth client configuration for an app (the spec's POST /api/v1/oauth/authenticators). */
export async function registerAuthenticator({ ctx, input }: { ctx: AuthedContext; input: RegisterAuthenticatorInput }): Promise<RegisteredAuthenticator> {
  requireScope(ctx, "authenticators:write");
  const appId = requireActingAppId(ctx.actor, input.app_id);
  await requireAppRole(getPrisma(), ctx, appId, MANAGE_ROLES);
  const type = input.authenticator_type;
  const endpoints = await resolveEndpoints({
    type,
    authorizeUrl: input.authorize_url,
    tokenUrl: input.token_url,
    scopes: input.scopes,
    configuration: input.configuration,
  });
  // Slow on purpose (scrypt): computed before the transaction, so no connection waits on it.
  const fingerprint = await fingerprintSecret(input.client_secret);

  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ID_ALLOCATION_LOCK})`;
    if (await tx.oAuthAuthenticator.count({ where: { appId, authenticatorName: input.name } })) {
      throw new ConflictError(`An authenticator named "${input.name}" already exists in ${appId}`, "authenticator_exists", [
        { path: "name", message: "Already used in this app" },
      ]);
    }
    const authenticatorId = await allocateId(tx, type === CUSTOM_TYPE ? slugify(input.name) : type, input.redirect_uri);
    const redirectUri = input.redirect_uri ?? defaultRedirectUri(authenticatorId);
    const secret = encryptSecret(input.client_secret, { table: "oauth_authenticators", rowId: authenticatorId, field: "client_secret" });
    const row = await tx.oAuthAuthenticator.create({
      data: {
        authenticatorId,
        appId,
        authenticatorName: input.name,
        authenticatorType: type,
        clientId: input.client_id,
        clientSecret: secret.ciphertext,
        clientSecretHint: secretHint(input.client_secret),
        clientSecretFingerprint: fingerprint,
        encryptionKeyId: secret.keyId,
        redirectUri,
        authorizeUrl: endpoints.authorizeUrl,
        tokenUrl: endpoints.tokenUrl,
        scopes: endpoints.scopes,
        configuration: (input.configuration ?? {}) as Prisma.InputJsonObject,
        createdById: ctx.actor.userId,
      },
      include: withConnectionsCount,
    });
    await recordEvent(tx, ctx, {
      type: "authenticator.created",
      appId,
      authenticatorId,
      provider: getTemplate(type)?.type ?? CUSTOM_TYPE,
      details: { name: row.authenticatorName, authenticator_type: type, client_id: row.clientId, scopes: endpoints.scopes },
    });
    return { ...serializeAuthenticator(row), warnings: endpoints.warnings };
  });
}

/**
 * The readable, globally unique id used in URLs, the CLI and the callback path. A redirect URI the
 * developer already registered at the provider names its id, which must then be free.
 */
async function allocateId(tx: Tx, base: string, redirectUri: string | undefined): Promise<string> {
  const taken = async (id: string) => (await tx.oAuthAuthenticator.count({ where: { authenticatorId: id } })) > 0;
  if (redirectUri) {
    const fromUri = checkRedirectUri(redirectUri, base);
    if (await taken(fromUri)) {
      throw new ConflictError(
        `The redirect URI names the authenticator id "${fromUri}", which is already in use. Omit redirect_uri to get a free id, and register the returned redirect_uri with the provider.`,
        "authenticator_id_taken",
        [{ path: "redirect_uri", message: `"${fromUri}" is already in use` }],
      );
    }
    return fromUri;
  }
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(id))) return id;
  }
}
