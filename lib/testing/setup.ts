import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// A fixed test key ring: two keys so rotation paths are exercised.
process.env.FIBERWISE_ENCRYPTION_KEYS ??= `t1:${Buffer.alloc(32, 1).toString("base64")}`;
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.APP_URL ??= "http://localhost:3000";
