import "server-only";
import { decryptSecret } from "../crypto/encryption";

type GrantSecrets = { grantId: string; accessToken: string; refreshToken: string | null };

const ctx = (grantId: string, field: string) => ({ table: "oauth_token_grants", rowId: grantId, field });

export function decryptAccessToken(grant: GrantSecrets): string {
  return decryptSecret(grant.accessToken, ctx(grant.grantId, "access_token"));
}

export function decryptRefreshToken(grant: GrantSecrets): string | null {
  return grant.refreshToken ? decryptSecret(grant.refreshToken, ctx(grant.grantId, "refresh_token")) : null;
}
