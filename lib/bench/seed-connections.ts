import { randomUUID } from "node:crypto";
import { encryptSecret } from "../server/crypto/encryption";
import { randomToken, sha256Hex } from "../server/crypto/hash";
import { getPrisma } from "../server/db/client";

export type Seeded = {
  authenticatorId: string;
  users: Array<{ userId: number; apiKey: string }>;
  endUsers: { apiKey: string; ids: string[] };
};

/** An app with one authenticator and `count` members, each with a valid connected grant and an API key, and `count` connected end users. */
export async function seedConnections(count: number): Promise<Seeded> {
  const db = getPrisma();
  const appId = `bench-${randomUUID().slice(0, 8)}`;
  const authenticatorId = `${appId}-oauth`;
  const secret = encryptSecret("bench-client-secret", { table: "oauth_authenticators", rowId: authenticatorId, field: "client_secret" });
  await db.app.create({ data: { appId, name: "Benchmark" } });
  await db.oAuthAuthenticator.create({
    data: {
      authenticatorId, appId, authenticatorName: "Bench", authenticatorType: "custom", clientId: "bench", clientSecret: secret.ciphertext,
      encryptionKeyId: secret.keyId, redirectUri: "http://localhost/auth/callback/bench", authorizeUrl: "https://bench.invalid/auth",
      tokenUrl: "https://bench.invalid/token", scopes: ["read"],
    },
  });
  const emails = Array.from({ length: count }, (_, i) => `bench-${i}-${appId}@example.com`);
  await db.user.createMany({ data: emails.map((email) => ({ email })) });
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  await db.appMember.createMany({ data: users.map((u) => ({ appId, userId: u.id, role: "member" as const })) });

  const grants = users.map((u) => {
    const grantId = randomUUID();
    const access = encryptSecret(`access-${u.id}-${randomToken(24)}`, { table: "oauth_token_grants", rowId: grantId, field: "access_token" });
    return {
      grantId, userId: u.id, appId, authenticatorId, accessToken: access.ciphertext, encryptionKeyId: access.keyId,
      expiresAt: new Date(Date.now() + 24 * 3600_000), scopes: ["read"],
    };
  });
  await db.oAuthTokenGrant.createMany({ data: grants });
  await db.userAppOAuthAuthentication.createMany({
    data: grants.map((g) => ({ authId: randomUUID(), userId: g.userId, appId, authenticatorId, grantId: g.grantId })),
  });
  const keys = users.map((u) => ({ userId: u.id, apiKey: `fw_live_${randomToken(32)}` }));
  await db.apiKey.createMany({
    data: keys.map((k) => ({
      id: randomUUID(), name: "bench", userId: k.userId, appId, prefix: k.apiKey.slice(0, 12), keyHash: sha256Hex(k.apiKey), scopes: ["tokens:read"],
    })),
  });
  // The same number of the app's end users, each connected, and one app-restricted key of an owner
  // (an app's backend asking by end_user_id).
  const owner = await db.user.create({ data: { email: `bench-owner-${appId}@example.com` } });
  await db.appMember.create({ data: { appId, userId: owner.id, role: "owner" } });
  const endUsers = await db.user.createManyAndReturn({ data: users.map(() => ({ kind: "end_user" })), select: { id: true } });
  await db.endUser.createMany({ data: endUsers.map((u, i) => ({ userId: u.id, appId, endUserId: `eu-${i}` })) });
  const endUserGrants = endUsers.map((u) => {
    const grantId = randomUUID();
    const access = encryptSecret(`access-${u.id}-${randomToken(24)}`, { table: "oauth_token_grants", rowId: grantId, field: "access_token" });
    return { grantId, userId: u.id, appId, authenticatorId, accessToken: access.ciphertext, encryptionKeyId: access.keyId, expiresAt: new Date(Date.now() + 24 * 3600_000), scopes: ["read"] };
  });
  await db.oAuthTokenGrant.createMany({ data: endUserGrants });
  await db.userAppOAuthAuthentication.createMany({
    data: endUserGrants.map((g) => ({ authId: randomUUID(), userId: g.userId, appId, authenticatorId, grantId: g.grantId })),
  });
  const backendKey = `fw_live_${randomToken(32)}`;
  await db.apiKey.create({
    data: { id: randomUUID(), name: "bench-backend", userId: owner.id, appId, prefix: backendKey.slice(0, 12), keyHash: sha256Hex(backendKey), scopes: ["tokens:read"] },
  });
  return { authenticatorId, users: keys, endUsers: { apiKey: backendKey, ids: endUsers.map((_, i) => `eu-${i}`) } };
}
