import { randomUUID } from "node:crypto";
import { encryptSecret } from "../server/crypto/encryption";
import { randomToken } from "../server/crypto/hash";
import { getPrisma } from "../server/db/client";

export type SeedGrantsInput = {
  appId: string;
  authenticatorId: string;
  count: number;
  /** A real refresh token for grant i (e.g. minted by the test provider), or null for none. */
  refreshToken: (i: number) => Promise<string | null> | string | null;
  /** When the access token expires, relative to now (negative: already expired). */
  expiresInMs: number;
  /** When it was issued, relative to now (a 1-hour token issued 58 minutes ago: -3_480_000). */
  issuedAgoMs?: number;
};

/**
 * `count` app members, each with a connection and a grant (tokens encrypted as the platform stores
 * them), written in bulk: for tests and benchmarks that need many connections quickly.
 */
export async function seedGrants(input: SeedGrantsInput): Promise<Array<{ userId: number; grantId: string }>> {
  const db = getPrisma();
  const tag = randomUUID().slice(0, 8);
  const emails = Array.from({ length: input.count }, (_, i) => `seed-${tag}-${i}@example.com`);
  await db.user.createMany({ data: emails.map((email) => ({ email })) });
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true }, orderBy: { id: "asc" } });
  await db.appMember.createMany({ data: users.map((u) => ({ appId: input.appId, userId: u.id, role: "member" as const })) });
  const now = Date.now();
  const grants = await Promise.all(
    users.map(async (u, i) => {
      const grantId = randomUUID();
      const seal = (value: string, field: string) => encryptSecret(value, { table: "oauth_token_grants", rowId: grantId, field });
      const access = seal(`seed-access-${randomToken(16)}`, "access_token");
      const refresh = await input.refreshToken(i);
      return {
        grantId, userId: u.id, appId: input.appId, authenticatorId: input.authenticatorId,
        accessToken: access.ciphertext, refreshToken: refresh ? seal(refresh, "refresh_token").ciphertext : null, encryptionKeyId: access.keyId,
        expiresAt: new Date(now + input.expiresInMs), lastRefreshedAt: new Date(now - (input.issuedAgoMs ?? 3_540_000)), scopes: ["openid", "offline_access", "read"],
      };
    }),
  );
  for (let i = 0; i < grants.length; i += 1000) await db.oAuthTokenGrant.createMany({ data: grants.slice(i, i + 1000) });
  for (let i = 0; i < grants.length; i += 1000) {
    await db.userAppOAuthAuthentication.createMany({
      data: grants.slice(i, i + 1000).map((g) => ({ authId: randomUUID(), userId: g.userId, appId: input.appId, authenticatorId: input.authenticatorId, grantId: g.grantId })),
    });
  }
  return grants.map((g) => ({ userId: g.userId, grantId: g.grantId }));
}
