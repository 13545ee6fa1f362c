import "server-only";
import { requireScope, type AuthedContext } from "../auth/actor";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import { getPrisma, type Db, type Tx } from "../db/client";
import { NotFoundError } from "../errors";
import { serializeAuthenticator, withConnectionsCount, type PublicAuthenticator } from "./serialize-authenticator";

/** Load an authenticator the caller may see, or answer the spec's "Authenticator not found". */
export async function findAuthenticatorRow(db: Db | Tx, ctx: AuthedContext, authenticatorId: string, roles = ANY_ROLE) {
  const row = await db.oAuthAuthenticator.findUnique({ where: { authenticatorId }, include: withConnectionsCount });
  const notFound = new NotFoundError(
    `Authenticator not found: "${authenticatorId}". Check the authenticator_id (fiber list-authenticators) and the instance.`,
    "authenticator_not_found",
  );
  if (!row) throw notFound;
  try {
    await requireAppRole(db, ctx, row.appId, roles);
  } catch (error) {
    // Someone else's authenticator is as invisible as a missing one.
    if (error instanceof NotFoundError) throw notFound;
    throw error;
  }
  return row;
}

export async function getAuthenticatorOrThrow({ ctx, authenticatorId }: { ctx: AuthedContext; authenticatorId: string }): Promise<PublicAuthenticator> {
  requireScope(ctx, "authenticators:read");
  return serializeAuthenticator(await findAuthenticatorRow(getPrisma(), ctx, authenticatorId));
}
