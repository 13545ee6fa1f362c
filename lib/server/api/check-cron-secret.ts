import "server-only";
import { safeEqual } from "../crypto/hash";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { hit, refund } from "../rate-limit/limit";

/**
 * Authorise a call to the cron endpoint (`Authorization: Bearer $CRON_SECRET`). The attempt costs
 * the caller's IP a point before the secret is compared (so concurrent guesses cannot outrun the
 * limit) and the right secret gives it back: the limit counts wrong secrets.
 */
export async function checkCronSecret({ authorization, ip }: { authorization: string | null; ip: string | null }): Promise<void> {
  const secret = process.env.CRON_SECRET;
  if (!secret) throw new ForbiddenError("Set CRON_SECRET to enable this endpoint", "cron_disabled");
  await hit("cron_failures_ip", ip);
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1];
  if (!given || !safeEqual(given, secret)) throw new UnauthorizedError("Invalid cron secret", "invalid_cron_secret");
  await refund("cron_failures_ip", ip);
}
