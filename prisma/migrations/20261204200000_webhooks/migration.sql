-- Webhooks: an app's endpoints, the events its connections cause (a transactional outbox: the event
-- and one delivery per subscribed endpoint are written by the statement or transaction that makes the
-- change), each delivery's state and every attempt. pg-boss (its own schema, "pgboss") only wakes the
-- deliveries up; these rows are the truth, so a lost job loses nothing.
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    -- Event types this endpoint receives; empty means every type.
    "events" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    -- whsec_… signing secrets, ciphertext bound to (webhook_endpoints, id, field). After a rotation the
    -- previous one keeps signing alongside the new one until previous_secret_expires_at.
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "encryption_key_id" TEXT NOT NULL,
    -- Why the platform disabled it: 'gone' (the receiver answered 410) or 'failing' (3 days of failures).
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    -- First failure of the current run of failures; cleared by a delivered attempt.
    "failing_since" TIMESTAMPTZ(3),
    "created_by" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_endpoints_app_id_idx" ON "webhook_endpoints"("app_id");
CREATE INDEX "webhook_endpoints_encryption_key_id_idx" ON "webhook_endpoints"("encryption_key_id");
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One event: its id is the webhook-id every delivery of it carries; payload is the exact JSON body.
CREATE TABLE "webhook_events" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_events_app_id_created_at_idx" ON "webhook_events"("app_id", "created_at");
CREATE INDEX "webhook_events_created_at_idx" ON "webhook_events"("created_at");
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("app_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One event for one endpoint. status: pending (to be attempted at next_attempt_at, or being attempted
-- while lease_until is in the future), delivered, failed (retries used up, 410, endpoint disabled).
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_id" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed'))
);
CREATE UNIQUE INDEX "webhook_deliveries_event_id_endpoint_id_key" ON "webhook_deliveries"("event_id", "endpoint_id");
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';
CREATE INDEX "webhook_deliveries_in_flight_idx" ON "webhook_deliveries"("endpoint_id", "lease_until") WHERE "status" = 'pending' AND "lease_until" IS NOT NULL;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every attempt: what the receiver answered (an excerpt of at most 1 kB), how long it took, and when
-- the next one is due.
CREATE TABLE "webhook_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "response_status" INTEGER,
    "response_excerpt" TEXT,
    "error" TEXT,
    "next_retry_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_attempts_delivery_id_idx" ON "webhook_attempts"("delivery_id", "attempt");
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The one home of fan-out: write an event and a pending delivery for each enabled endpoint of the app
-- that subscribes to the type (or only p_endpoint_id, whatever its filter: a test event or a
-- redelivery asked for one endpoint). Called inside the
-- caller's statement or transaction; writes nothing when no endpoint wants the event, so apps without
-- webhooks pay one index lookup. Returns the event id, or NULL.
CREATE FUNCTION "fw_enqueue_webhook_event"(p_app_id TEXT, p_type TEXT, p_data JSONB, p_endpoint_id TEXT DEFAULT NULL)
RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
  v_id TEXT;
  v_now TIMESTAMPTZ(3) := clock_timestamp();
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM webhook_endpoints e
     WHERE e.app_id = p_app_id AND e.enabled AND (p_endpoint_id IS NULL OR e.id = p_endpoint_id)
       AND (p_endpoint_id IS NOT NULL OR cardinality(e.events) = 0 OR p_type = ANY (e.events))
  ) THEN
    RETURN NULL;
  END IF;
  v_id := 'msg_' || replace(gen_random_uuid()::text, '-', '');
  INSERT INTO webhook_events (id, app_id, event_type, payload, created_at)
  VALUES (v_id, p_app_id, p_type,
          jsonb_build_object('type', p_type, 'id', v_id,
                             'created_at', to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                             'data', p_data),
          v_now);
  INSERT INTO webhook_deliveries (id, event_id, endpoint_id, next_attempt_at, created_at, updated_at)
  SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), v_id, e.id, v_now, v_now, v_now
    FROM webhook_endpoints e
   WHERE e.app_id = p_app_id AND e.enabled AND (p_endpoint_id IS NULL OR e.id = p_endpoint_id)
     AND (p_endpoint_id IS NOT NULL OR cardinality(e.events) = 0 OR p_type = ANY (e.events));
  RETURN v_id;
END $$;

-- Revocations the provider did not confirm at disconnect (unreachable, 5xx), retried as RFC 9700 asks:
-- the grant's tokens stay here (token: the JSON {access_token, refresh_token}, encrypted, bound to
-- (pending_revocations, id, token)) until the provider confirms or the retries end (3 days).
CREATE TABLE "pending_revocations" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "authenticator_id" TEXT NOT NULL,
    "subject_user_id" INTEGER,
    "token" TEXT NOT NULL,
    "token_type_hint" TEXT NOT NULL,
    "encryption_key_id" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_revocations_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "pending_revocations_next_attempt_at_idx" ON "pending_revocations"("next_attempt_at");
CREATE INDEX "pending_revocations_encryption_key_id_idx" ON "pending_revocations"("encryption_key_id");
ALTER TABLE "pending_revocations" ADD CONSTRAINT "pending_revocations_authenticator_id_fkey" FOREIGN KEY ("authenticator_id") REFERENCES "oauth_authenticators"("authenticator_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The one home of a connection event's data: who (the app's end_user_id, or the member's user_id),
-- which authenticator (id and type), the status, its reason and the granted scopes. Never a token.
CREATE FUNCTION "fw_enqueue_connection_event"(p_type TEXT, p_app_id TEXT, p_authenticator_id TEXT, p_user_id INTEGER,
                                             p_status TEXT, p_status_reason TEXT, p_scopes JSONB, p_extra JSONB DEFAULT '{}'::jsonb)
RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
  v_data JSONB;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.app_id = p_app_id AND e.enabled) THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_build_object(
           'app_id', p_app_id,
           'authenticator_id', p_authenticator_id,
           'authenticator_type', (SELECT a.authenticator_type FROM oauth_authenticators a WHERE a.authenticator_id = p_authenticator_id),
           'status', p_status,
           'status_reason', p_status_reason,
           'scopes', COALESCE(p_scopes, '[]'::jsonb))
         || COALESCE((SELECT jsonb_build_object('end_user_id', eu.end_user_id) FROM end_users eu WHERE eu.user_id = p_user_id AND eu.app_id = p_app_id),
                     jsonb_build_object('user_id', p_user_id))
         || COALESCE(p_extra, '{}'::jsonb)
    INTO v_data;
  RETURN fw_enqueue_webhook_event(p_app_id, p_type, v_data, NULL);
END $$;
