-- Counters of rate-limiter-flexible's PostgreSQL store (RateLimiterPostgres, created with
-- tableCreated: true, so this is the shape its queries expect: key, points, expire in epoch ms).
-- Every limit shares the table; keys are "<limit name>:<subject>".
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
