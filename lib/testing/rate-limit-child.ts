// A second (and third) app instance for the cross-instance rate-limit tests: its own process, its
// own pools and in-memory counters, the same database. Prints how many attempts each limit let through.
import { consumeApiKeyRequest, flushApiKeyRequests } from "../server/rate-limit/api-key-requests";
import { hit } from "../server/rate-limit/limit";
import type { LimitName } from "../server/rate-limit/limits";
import { closeRateLimitStore } from "../server/rate-limit/store";

const [mode, name, subject, attempts] = process.argv.slice(2) as [string, string, string, string];
let allowed = 0;
if (mode === "hit") {
  const results = await Promise.allSettled(Array.from({ length: Number(attempts) }, () => hit(name as LimitName, subject)));
  allowed = results.filter((r) => r.status === "fulfilled").length;
} else {
  // Spread over time so that batches are flushed while the other instance counts too.
  for (let i = 0; i < Number(attempts); i++) {
    if (consumeApiKeyRequest(subject).allowed) allowed++;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await flushApiKeyRequests();
}
await closeRateLimitStore();
process.stdout.write(JSON.stringify({ allowed }));
