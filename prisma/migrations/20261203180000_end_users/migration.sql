-- End users of an app's own product: people who never sign up to FiberWise. Each is a `users` row of
-- kind 'end_user' (no email, no password: it can never sign in) so that the spec's four tables
-- (connections, grants, sessions) take them exactly as they take members, through user_id; the
-- app's own id for them, and what the app tells us about them, live in end_users.
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
ALTER TABLE "users" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'account';
ALTER TABLE "users" ADD CONSTRAINT "users_kind_check" CHECK ("kind" IN ('account', 'end_user'));
ALTER TABLE "users" ADD CONSTRAINT "users_account_email_check" CHECK ("kind" = 'end_user' OR "email" IS NOT NULL);

CREATE TABLE "end_users" (
    "user_id" INTEGER NOT NULL,
    "app_id" TEXT NOT NULL,
    "end_user_id" TEXT NOT NULL,
    "email" TEXT,
    "display_name" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "end_users_pkey" PRIMARY KEY ("user_id")
);
CREATE UNIQUE INDEX "end_users_app_id_end_user_id_key" ON "end_users"("app_id", "end_user_id");
CREATE INDEX "end_users_tags_idx" ON "end_users" USING GIN ("tags");
ALTER TABLE "end_users" ADD CONSTRAINT "end_users_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "end_users" ADD CONSTRAINT "end_users_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A connect session: minted by the app's backend for one end user, opened by its frontend. Only a
-- SHA-256 of the token is stored.
CREATE TABLE "connect_sessions" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "allowed_authenticators" TEXT[] NOT NULL,
    "allowed_origins" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "return_to" TEXT,
    "flows_started" INTEGER NOT NULL DEFAULT 0,
    "created_by" INTEGER,
    "created_by_api_key_id" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connect_sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "connect_sessions_token_hash_key" ON "connect_sessions"("token_hash");
CREATE INDEX "connect_sessions_expires_at_idx" ON "connect_sessions"("expires_at");
CREATE INDEX "connect_sessions_allowed_origins_idx" ON "connect_sessions" USING GIN ("allowed_origins");
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "connect_sessions" ADD CONSTRAINT "connect_sessions_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
