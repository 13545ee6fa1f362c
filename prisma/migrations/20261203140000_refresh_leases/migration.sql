-- Refresh single-flight across processes without holding a row lock across the network: a process
-- claims a grant by writing a lease (id + expiry) with a conditional UPDATE, calls the provider with
-- no transaction open, and writes the result only if the lease is still its own.
ALTER TABLE "oauth_token_grants" ADD COLUMN "refresh_lease_id" TEXT;
ALTER TABLE "oauth_token_grants" ADD COLUMN "refresh_lease_until" TIMESTAMPTZ(3);

-- The background sweep's candidate scan: refreshable grants by expiry.
CREATE INDEX "oauth_token_grants_refreshable_idx" ON "oauth_token_grants" ("expires_at")
  WHERE "refresh_token" IS NOT NULL AND NOT "is_revoked" AND "status" IN ('active', 'insufficient_scopes');

-- Expired authorization requests are deleted by the sweep.
-- ("oauth_sessions"."expires_at" is already indexed.)

-- API keys: "*" is every scope, present and future. The bootstrap key was minted with the full list
-- of its day; it becomes "*" so scopes added later (connect:write, webhooks, proxy, mcp) include it.
UPDATE "api_keys" SET "scopes" = ARRAY['*']
 WHERE "name" = 'bootstrap'
   AND "scopes" @> ARRAY['authenticators:read', 'authenticators:write', 'connections:read', 'connections:write', 'tokens:read'];
