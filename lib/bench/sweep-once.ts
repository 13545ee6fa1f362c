// One sweep run as its own process (a second "worker" for bench:sweep); prints its result as JSON.
import { disconnectPrisma } from "../server/db/client";
import { sweepExpiringGrants } from "../server/jobs/refresh-sweep";

const result = await sweepExpiringGrants({ timeSliceMs: 300_000, maxGrants: 1_000_000 });
await disconnectPrisma();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
