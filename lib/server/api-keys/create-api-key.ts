import "server-only";
import { randomUUID } from "node:crypto";
import { createApiKeySchema, type CreateApiKeyInput, type CreatedApiKey } from "../../schemas/api-keys";
import { requireSession, type AuthedContext } from "../auth/actor";
import { ANY_ROLE, requireAppRole } from "../auth/permissions";
import { recordEvent } from "../audit/record-event";
import { randomToken, sha256Hex } from "../crypto/hash";
import { getPrisma, type Tx } from "../db/client";
import { API_KEY_PREFIX } from "./authenticate-api-key";
import { serializeApiKey } from "./serialize-api-key";

export type { CreatedApiKey };

/**
 * Mint an API key for the caller. The full key is returned this once; the database keeps only its
 * SHA-256 and a visible prefix (`fw_live_ab12`) to recognise it by.
 */
export async function createApiKey({ ctx, input }: { ctx: AuthedContext; input: CreateApiKeyInput }): Promise<CreatedApiKey> {
  requireSession(ctx);
  return getPrisma().$transaction((tx) => insertApiKey(tx, ctx, input));
}

/** Shared with the headless bootstrap, which mints the first key inside its own transaction. */
export async function insertApiKey(tx: Tx, ctx: AuthedContext, raw: CreateApiKeyInput): Promise<CreatedApiKey> {
  const input = createApiKeySchema.parse(raw);
  if (input.app_id) await requireAppRole(tx, ctx, input.app_id, ANY_ROLE);
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const record = await tx.apiKey.create({
    data: {
      id: randomUUID(),
      name: input.name,
      userId: ctx.actor.userId,
      appId: input.app_id ?? null,
      prefix: key.slice(0, API_KEY_PREFIX.length + 4),
      keyHash: sha256Hex(key),
      scopes: [...new Set(input.scopes)],
      expiresAt: input.expires_in_days ? new Date(Date.now() + input.expires_in_days * 86_400_000) : null,
    },
  });
  await recordEvent(tx, ctx, {
    type: "api_key.created",
    appId: record.appId,
    details: { api_key_id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes },
  });
  return { ...serializeApiKey(record), key };
}
