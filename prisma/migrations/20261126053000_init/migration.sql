-- CreateEnum
CREATE TYPE "app_role" AS ENUM ('owner', 'developer', 'member');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "is_admin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apps" (
    "app_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_by" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "apps_pkey" PRIMARY KEY ("app_id")
);

-- CreateTable
CREATE TABLE "app_members" (
    "app_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "role" "app_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_members_pkey" PRIMARY KEY ("app_id","user_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "app_id" TEXT,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_authenticators" (
    "id" SERIAL NOT NULL,
    "authenticator_id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "authenticator_name" TEXT NOT NULL,
    "authenticator_type" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret" TEXT NOT NULL,
    "client_secret_hint" TEXT,
    "encryption_key_id" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "authorize_url" TEXT NOT NULL,
    "token_url" TEXT NOT NULL,
    "scopes" JSONB NOT NULL DEFAULT '[]',
    "configuration" JSONB NOT NULL DEFAULT '{}',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_by" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_authenticators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_token_grants" (
    "grant_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "app_id" TEXT NOT NULL,
    "authenticator_id" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "encryption_key_id" TEXT NOT NULL,
    "token_type" TEXT NOT NULL DEFAULT 'Bearer',
    "expires_at" TIMESTAMPTZ(3),
    "scopes" JSONB NOT NULL DEFAULT '[]',
    "is_revoked" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "last_error" TEXT,
    "last_refreshed_at" TIMESTAMPTZ(3),
    "refresh_failure_count" INTEGER NOT NULL DEFAULT 0,
    "next_refresh_after" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_token_grants_pkey" PRIMARY KEY ("grant_id")
);

-- CreateTable
CREATE TABLE "user_app_oauth_authentications" (
    "auth_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "app_id" TEXT NOT NULL,
    "authenticator_id" TEXT NOT NULL,
    "grant_id" TEXT,
    "auth_status" TEXT NOT NULL DEFAULT 'active',
    "status_reason" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_app_oauth_authentications_pkey" PRIMARY KEY ("auth_id")
);

-- CreateTable
CREATE TABLE "oauth_sessions" (
    "id" SERIAL NOT NULL,
    "session_id" TEXT NOT NULL,
    "authenticator_name" TEXT NOT NULL,
    "authenticator_id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "state_token" TEXT NOT NULL,
    "browser_binding" TEXT NOT NULL,
    "code_verifier" TEXT,
    "nonce" TEXT,
    "encryption_key_id" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "return_to" TEXT,
    "scopes" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "oauth_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_events" (
    "id" BIGSERIAL NOT NULL,
    "event_type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    "actor_user_id" INTEGER,
    "actor_api_key_id" TEXT,
    "app_id" TEXT,
    "authenticator_id" TEXT,
    "subject_user_id" INTEGER,
    "grant_id" TEXT,
    "provider" TEXT,
    "duration_ms" INTEGER,
    "ip" TEXT,
    "request_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "app_members_user_id_idx" ON "app_members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_user_id_idx" ON "api_keys"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_authenticators_authenticator_id_key" ON "oauth_authenticators"("authenticator_id");

-- CreateIndex
CREATE INDEX "oauth_authenticators_encryption_key_id_idx" ON "oauth_authenticators"("encryption_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_authenticators_app_id_authenticator_name_key" ON "oauth_authenticators"("app_id", "authenticator_name");

-- CreateIndex
CREATE INDEX "oauth_token_grants_user_id_app_id_authenticator_id_idx" ON "oauth_token_grants"("user_id", "app_id", "authenticator_id");

-- CreateIndex
CREATE INDEX "oauth_token_grants_expires_at_idx" ON "oauth_token_grants"("expires_at");

-- CreateIndex
CREATE INDEX "oauth_token_grants_encryption_key_id_idx" ON "oauth_token_grants"("encryption_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_app_oauth_authentications_grant_id_key" ON "user_app_oauth_authentications"("grant_id");

-- CreateIndex
CREATE INDEX "user_app_oauth_authentications_app_id_authenticator_id_idx" ON "user_app_oauth_authentications"("app_id", "authenticator_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_app_oauth_authentications_user_id_app_id_authenticator_key" ON "user_app_oauth_authentications"("user_id", "app_id", "authenticator_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_sessions_session_id_key" ON "oauth_sessions"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_sessions_state_token_key" ON "oauth_sessions"("state_token");

-- CreateIndex
CREATE INDEX "oauth_sessions_expires_at_idx" ON "oauth_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "oauth_sessions_encryption_key_id_idx" ON "oauth_sessions"("encryption_key_id");

-- CreateIndex
CREATE INDEX "oauth_events_app_id_created_at_idx" ON "oauth_events"("app_id", "created_at");

-- CreateIndex
CREATE INDEX "oauth_events_event_type_created_at_idx" ON "oauth_events"("event_type", "created_at");

-- CreateIndex
CREATE INDEX "oauth_events_authenticator_id_created_at_idx" ON "oauth_events"("authenticator_id", "created_at");

-- AddForeignKey
ALTER TABLE "apps" ADD CONSTRAINT "apps_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_members" ADD CONSTRAINT "app_members_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_members" ADD CONSTRAINT "app_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_authenticators" ADD CONSTRAINT "oauth_authenticators_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_token_grants" ADD CONSTRAINT "oauth_token_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_token_grants" ADD CONSTRAINT "oauth_token_grants_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_token_grants" ADD CONSTRAINT "oauth_token_grants_authenticator_id_fkey" FOREIGN KEY ("authenticator_id") REFERENCES "oauth_authenticators"("authenticator_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_app_oauth_authentications" ADD CONSTRAINT "user_app_oauth_authentications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_app_oauth_authentications" ADD CONSTRAINT "user_app_oauth_authentications_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_app_oauth_authentications" ADD CONSTRAINT "user_app_oauth_authentications_authenticator_id_fkey" FOREIGN KEY ("authenticator_id") REFERENCES "oauth_authenticators"("authenticator_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_app_oauth_authentications" ADD CONSTRAINT "user_app_oauth_authentications_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "oauth_token_grants"("grant_id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_sessions" ADD CONSTRAINT "oauth_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_sessions" ADD CONSTRAINT "oauth_sessions_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_sessions" ADD CONSTRAINT "oauth_sessions_authenticator_id_fkey" FOREIGN KEY ("authenticator_id") REFERENCES "oauth_authenticators"("authenticator_id") ON DELETE CASCADE ON UPDATE CASCADE;
