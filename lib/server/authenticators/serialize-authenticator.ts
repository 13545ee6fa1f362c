import "server-only";
import type { AuthenticatorConfiguration, PublicAuthenticator } from "../../schemas/authenticators";

export type { PublicAuthenticator };

type Row = {
  authenticatorId: string; appId: string; authenticatorName: string; authenticatorType: string; clientId: string;
  clientSecretHint: string | null; clientSecretFingerprint: string | null; scopes: unknown; authorizeUrl: string; tokenUrl: string; redirectUri: string;
  configuration: unknown; isActive: boolean; createdAt: Date; updatedAt: Date;
  _count?: { authentications: number };
};

/** The API's view of an authenticator. The secret itself never leaves the server. */
export function serializeAuthenticator(row: Row): PublicAuthenticator {
  return {
    authenticator_id: row.authenticatorId,
    app_id: row.appId,
    name: row.authenticatorName,
    authenticator_type: row.authenticatorType,
    client_id: row.clientId,
    client_secret_set: true,
    client_secret_hint: row.clientSecretHint,
    client_secret_fingerprint: row.clientSecretFingerprint,
    scopes: (row.scopes as string[]) ?? [],
    authorize_url: row.authorizeUrl,
    token_url: row.tokenUrl,
    redirect_uri: row.redirectUri,
    configuration: (row.configuration as AuthenticatorConfiguration) ?? {},
    is_active: row.isActive,
    connections_count: row._count?.authentications ?? 0,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** A hint to recognise a secret by: its last 4 characters at most, fewer for short secrets. */
export function secretHint(secret: string): string | null {
  if (secret.length >= 16) return `…${secret.slice(-4)}`;
  if (secret.length >= 8) return `…${secret.slice(-2)}`;
  return null;
}

export const withConnectionsCount = {
  _count: { select: { authentications: { where: { isActive: true } } } },
} as const;
