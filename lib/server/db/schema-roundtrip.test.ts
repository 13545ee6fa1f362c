import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { disconnectPrisma, getPrisma } from "./client";

// Proves the hand-written migration SQL and schema.prisma agree: every model, every scalar field,
// written with a non-default value through Prisma Client and read back unchanged.

const at = (iso: string) => new Date(iso);
const suffix = Date.now().toString(36);

const rows = {
  User: {
    id: 900001, email: `roundtrip-${suffix}@example.com`, kind: "account", name: "Round Trip", passwordHash: "hash",
    isAdmin: true, createdAt: at("2026-01-02T03:04:05.678Z"), updatedAt: at("2026-01-02T03:04:05.678Z"),
  },
  App: {
    appId: `rt-app-${suffix}`, name: "Round trip app", description: "desc", createdById: 900001,
    createdAt: at("2026-01-03T00:00:00.001Z"), updatedAt: at("2026-01-03T00:00:00.001Z"),
  },
  AppMember: { appId: `rt-app-${suffix}`, userId: 900001, role: "developer" as const, createdAt: at("2026-01-04T00:00:00Z") },
  ApiKey: {
    id: `key-${suffix}`, name: "ci", userId: 900001, appId: `rt-app-${suffix}`, prefix: "fw_live_ab12",
    keyHash: `hash-${suffix}`, scopes: ["authenticators:read", "tokens:read"], expiresAt: at("2027-01-01T00:00:00Z"),
    lastUsedAt: at("2026-02-01T00:00:00Z"), revokedAt: at("2026-03-01T00:00:00Z"), createdAt: at("2026-01-05T00:00:00Z"),
  },
  OAuthAuthenticator: {
    id: 900002, authenticatorId: `rt-google-${suffix}`, appId: `rt-app-${suffix}`, authenticatorName: "Google",
    authenticatorType: "google", clientId: "client", clientSecret: "v1:k:iv:ct:tag", clientSecretHint: "abcd",
    clientSecretFingerprint: "scrypt$32768$8$3$c2FsdA$aGFzaA",
    encryptionKeyId: "k", redirectUri: "https://app.example.com/auth/callback/google",
    authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token",
    scopes: ["openid", "email"], configuration: { access_type: "offline", nested: { a: 1 } }, isActive: false,
    createdById: 900001, createdAt: at("2026-01-06T00:00:00Z"), updatedAt: at("2026-01-06T00:00:00Z"),
  },
  OAuthTokenGrant: {
    grantId: `grant-${suffix}`, userId: 900001, appId: `rt-app-${suffix}`, authenticatorId: `rt-google-${suffix}`,
    accessToken: "v1:k:a", refreshToken: "v1:k:r", idToken: "v1:k:i", encryptionKeyId: "k", tokenType: "bearer",
    expiresAt: at("2026-01-07T01:00:00Z"), scopes: ["email"], isRevoked: true, status: "revoked", lastError: "invalid_grant",
    lastRefreshedAt: at("2026-01-07T00:30:00Z"), refreshFailureCount: 3, nextRefreshAfter: at("2026-01-07T00:40:00Z"),
    refreshLeaseId: "lease-1", refreshLeaseUntil: at("2026-01-07T00:41:00Z"),
    createdAt: at("2026-01-07T00:00:00Z"), updatedAt: at("2026-01-07T00:00:00Z"),
  },
  UserAppOAuthAuthentication: {
    authId: `auth-${suffix}`, userId: 900001, appId: `rt-app-${suffix}`, authenticatorId: `rt-google-${suffix}`,
    grantId: `grant-${suffix}`, authStatus: "needs_reauth", statusReason: "refresh failed", isActive: false,
    createdAt: at("2026-01-08T00:00:00Z"), updatedAt: at("2026-01-08T00:00:00Z"), lastUsedAt: at("2026-01-09T00:00:00Z"),
  },
  OAuthSession: {
    id: 900003, sessionId: `sess-${suffix}`, authenticatorName: "Google", authenticatorId: `rt-google-${suffix}`,
    appId: `rt-app-${suffix}`, userId: 900001, stateToken: `state-hash-${suffix}`, browserBinding: "binding-hash",
    codeVerifier: "v1:k:v", nonce: "v1:k:n", encryptionKeyId: "k", redirectUri: "https://app.example.com/auth/callback/google",
    returnTo: "/settings", scopes: ["openid"], createdAt: at("2026-01-10T00:00:00Z"), expiresAt: at("2026-01-10T00:10:00Z"),
    consumedAt: at("2026-01-10T00:05:00Z"),
  },
  EndUser: {
    userId: 900001, appId: `rt-app-${suffix}`, endUserId: `u_${suffix}`, email: "end@example.com", displayName: "End User",
    tags: { plan: "pro" }, createdAt: at("2026-01-12T00:00:00Z"), updatedAt: at("2026-01-12T00:00:00Z"),
  },
  ConnectSession: {
    id: `cs-${suffix}`, tokenHash: `cs-hash-${suffix}`, appId: `rt-app-${suffix}`, userId: 900001, allowedAuthenticators: [`rt-google-${suffix}`],
    allowedOrigins: ["https://app.example.com"], returnTo: "https://app.example.com/settings", flowsStarted: 2, createdById: 900001,
    createdByApiKeyId: `key-${suffix}`, expiresAt: at("2026-01-12T00:30:00Z"), createdAt: at("2026-01-12T00:00:00Z"),
  },
  WebhookEndpoint: {
    id: `wh-${suffix}`, appId: `rt-app-${suffix}`, url: "https://hooks.example.com/fw", description: "CRM sync", events: ["connection.created"],
    enabled: false, secret: "v1:k:s", previousSecret: "v1:k:p", previousSecretExpiresAt: at("2026-01-14T00:00:00Z"), encryptionKeyId: "k",
    disabledReason: "gone", disabledAt: at("2026-01-13T01:00:00Z"), failingSince: at("2026-01-13T00:30:00Z"), createdById: 900001,
    createdAt: at("2026-01-13T00:00:00Z"), updatedAt: at("2026-01-13T00:00:00Z"),
  },
  WebhookEvent: {
    id: `msg-${suffix}`, appId: `rt-app-${suffix}`, eventType: "connection.created", payload: { type: "connection.created", data: { a: 1 } },
    createdAt: at("2026-01-13T00:01:00Z"),
  },
  WebhookDelivery: {
    id: `whd-${suffix}`, eventId: `msg-${suffix}`, endpointId: `wh-${suffix}`, status: "failed", attempts: 3, nextAttemptAt: at("2026-01-13T00:05:00Z"),
    leaseId: "lease-2", leaseUntil: at("2026-01-13T00:02:00Z"), lastStatus: 503, lastError: "timeout", deliveredAt: at("2026-01-13T00:03:00Z"),
    createdAt: at("2026-01-13T00:01:00Z"), updatedAt: at("2026-01-13T00:01:00Z"),
  },
  WebhookAttempt: {
    id: 900005n, deliveryId: `whd-${suffix}`, attempt: 2, startedAt: at("2026-01-13T00:02:00Z"), durationMs: 42, responseStatus: 500,
    responseExcerpt: "oops", error: "http_500", nextRetryAt: at("2026-01-13T00:03:00Z"),
  },
  PendingRevocation: {
    id: `rev-${suffix}`, appId: `rt-app-${suffix}`, authenticatorId: `rt-google-${suffix}`, subjectUserId: 900001, token: "v1:k:t",
    tokenTypeHint: "refresh_token", encryptionKeyId: "k", attempts: 2, nextAttemptAt: at("2026-01-13T00:10:00Z"),
    leaseUntil: at("2026-01-13T00:09:00Z"), lastError: "unreachable", createdAt: at("2026-01-13T00:00:00Z"),
  },
  OAuthEvent: {
    id: 900004n, eventType: "authenticator.created", outcome: "failure", actorUserId: 900001, actorApiKeyId: `key-${suffix}`,
    appId: `rt-app-${suffix}`, authenticatorId: `rt-google-${suffix}`, subjectUserId: 900001, grantId: `grant-${suffix}`,
    provider: "google", durationMs: 123, ip: "127.0.0.1", requestId: "req-1", details: { changed: ["scopes"] },
    createdAt: at("2026-01-11T00:00:00Z"),
  },
};

const scalarFields: Record<keyof typeof rows, Record<string, string>> = {
  User: Prisma.UserScalarFieldEnum,
  App: Prisma.AppScalarFieldEnum,
  AppMember: Prisma.AppMemberScalarFieldEnum,
  ApiKey: Prisma.ApiKeyScalarFieldEnum,
  OAuthAuthenticator: Prisma.OAuthAuthenticatorScalarFieldEnum,
  OAuthTokenGrant: Prisma.OAuthTokenGrantScalarFieldEnum,
  UserAppOAuthAuthentication: Prisma.UserAppOAuthAuthenticationScalarFieldEnum,
  OAuthSession: Prisma.OAuthSessionScalarFieldEnum,
  EndUser: Prisma.EndUserScalarFieldEnum,
  ConnectSession: Prisma.ConnectSessionScalarFieldEnum,
  OAuthEvent: Prisma.OAuthEventScalarFieldEnum,
  WebhookEndpoint: Prisma.WebhookEndpointScalarFieldEnum,
  WebhookEvent: Prisma.WebhookEventScalarFieldEnum,
  WebhookDelivery: Prisma.WebhookDeliveryScalarFieldEnum,
  WebhookAttempt: Prisma.WebhookAttemptScalarFieldEnum,
  PendingRevocation: Prisma.PendingRevocationScalarFieldEnum,
};

describe("schema.prisma and the migrations agree", () => {
  afterAll(async () => {
    await getPrisma().user.delete({ where: { id: rows.User.id } }).catch(() => {});
    await getPrisma().oAuthEvent.deleteMany({ where: { id: rows.OAuthEvent.id } });
    await disconnectPrisma();
  });

  it("covers every model and every scalar field", () => {
    expect(Object.keys(rows).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    for (const [model, fields] of Object.entries(scalarFields)) {
      expect(Object.keys(rows[model as keyof typeof rows]).sort(), model).toEqual(Object.values(fields).sort());
    }
  });

  it("writes and reads back every field of every model", async () => {
    const db = getPrisma();
    // Written in foreign-key order; each read compares the whole row.
    expect(await db.user.create({ data: rows.User })).toEqual(withUpdatedAt(rows.User));
    expect(await db.app.create({ data: rows.App })).toEqual(withUpdatedAt(rows.App));
    expect(await db.appMember.create({ data: rows.AppMember })).toEqual(rows.AppMember);
    expect(await db.apiKey.create({ data: rows.ApiKey })).toEqual(rows.ApiKey);
    expect(await db.oAuthAuthenticator.create({ data: rows.OAuthAuthenticator })).toEqual(withUpdatedAt(rows.OAuthAuthenticator));
    expect(await db.oAuthTokenGrant.create({ data: rows.OAuthTokenGrant })).toEqual(withUpdatedAt(rows.OAuthTokenGrant));
    expect(await db.userAppOAuthAuthentication.create({ data: rows.UserAppOAuthAuthentication })).toEqual(
      withUpdatedAt(rows.UserAppOAuthAuthentication),
    );
    expect(await db.oAuthSession.create({ data: rows.OAuthSession })).toEqual(rows.OAuthSession);
    expect(await db.oAuthEvent.create({ data: rows.OAuthEvent })).toEqual(rows.OAuthEvent);
    expect(await db.endUser.create({ data: rows.EndUser })).toEqual(withUpdatedAt(rows.EndUser));
    expect(await db.connectSession.create({ data: rows.ConnectSession })).toEqual(rows.ConnectSession);
    expect(await db.endUser.findUniqueOrThrow({ where: { appId_endUserId: { appId: rows.EndUser.appId, endUserId: rows.EndUser.endUserId } } })).toEqual(
      withUpdatedAt(rows.EndUser),
    );
    expect(await db.connectSession.findUniqueOrThrow({ where: { tokenHash: rows.ConnectSession.tokenHash } })).toEqual(rows.ConnectSession);
    expect(await db.webhookEndpoint.create({ data: rows.WebhookEndpoint })).toEqual(withUpdatedAt(rows.WebhookEndpoint));
    expect(await db.webhookEvent.create({ data: rows.WebhookEvent })).toEqual(rows.WebhookEvent);
    expect(await db.webhookDelivery.create({ data: rows.WebhookDelivery })).toEqual(withUpdatedAt(rows.WebhookDelivery));
    expect(await db.webhookAttempt.create({ data: rows.WebhookAttempt })).toEqual(rows.WebhookAttempt);
    expect(await db.pendingRevocation.create({ data: rows.PendingRevocation })).toEqual(rows.PendingRevocation);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId: rows.WebhookEvent.id, endpointId: rows.WebhookEndpoint.id } } })).toEqual(
      withUpdatedAt(rows.WebhookDelivery),
    );

    const [user, app, member, key, authenticator, grant, auth, session, event] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { email: rows.User.email } }),
      db.app.findUniqueOrThrow({ where: { appId: rows.App.appId } }),
      db.appMember.findUniqueOrThrow({ where: { appId_userId: { appId: rows.App.appId, userId: rows.User.id } } }),
      db.apiKey.findUniqueOrThrow({ where: { keyHash: rows.ApiKey.keyHash } }),
      db.oAuthAuthenticator.findUniqueOrThrow({ where: { authenticatorId: rows.OAuthAuthenticator.authenticatorId } }),
      db.oAuthTokenGrant.findUniqueOrThrow({ where: { grantId: rows.OAuthTokenGrant.grantId } }),
      db.userAppOAuthAuthentication.findUniqueOrThrow({ where: { grantId: rows.OAuthTokenGrant.grantId } }),
      db.oAuthSession.findUniqueOrThrow({ where: { stateToken: rows.OAuthSession.stateToken } }),
      db.oAuthEvent.findUniqueOrThrow({ where: { id: rows.OAuthEvent.id } }),
    ]);
    expect(user).toEqual(withUpdatedAt(rows.User));
    expect(app).toEqual(withUpdatedAt(rows.App));
    expect(member).toEqual(rows.AppMember);
    expect(key).toEqual(rows.ApiKey);
    expect(authenticator).toEqual(withUpdatedAt(rows.OAuthAuthenticator));
    expect(grant).toEqual(withUpdatedAt(rows.OAuthTokenGrant));
    expect(auth).toEqual(withUpdatedAt(rows.UserAppOAuthAuthentication));
    expect(session).toEqual(rows.OAuthSession);
    expect(event).toEqual(rows.OAuthEvent);
  });

  it("enforces the unique keys the hot paths rely on", async () => {
    const db = getPrisma();
    await expect(
      db.userAppOAuthAuthentication.create({
        data: { ...rows.UserAppOAuthAuthentication, authId: `auth2-${suffix}`, grantId: null },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      db.oAuthAuthenticator.create({
        data: { ...rows.OAuthAuthenticator, id: 900005, authenticatorId: `rt-google-2-${suffix}` },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});

// @updatedAt is set by Prisma Client on write, whatever value was given.
function withUpdatedAt<T extends { updatedAt: Date }>(row: T) {
  return { ...row, updatedAt: expect.any(Date) };
}
