import { withApi } from "@/lib/server/api/with-api";
import { safeEqual } from "@/lib/server/crypto/hash";
import { ForbiddenError, UnauthorizedError } from "@/lib/server/errors";
import { sweepExpiringGrants } from "@/lib/server/jobs/refresh-sweep";

export const dynamic = "force-dynamic";

// POST (and GET, as Vercel Cron calls it) /api/cron/refresh-tokens – run one refresh sweep; Authorization: Bearer $CRON_SECRET
const sweep = withApi(async ({ req }) => {
  const secret = process.env.CRON_SECRET;
  if (!secret) throw new ForbiddenError("Set CRON_SECRET to enable this endpoint", "cron_disabled");
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!given || !safeEqual(given, secret)) throw new UnauthorizedError("Invalid cron secret", "invalid_cron_secret");
  return Response.json(await sweepExpiringGrants());
});

export { sweep as GET, sweep as POST };
