import "server-only";
import { trustedProxies } from "./api/client-ip";
import { getKeyRing } from "./crypto/encryption";
import { ConfigError, isProduction, nextAuthSecret } from "./env";
import { logger } from "./logger";
import { proxySettings } from "./proxy/proxy-settings";
import { checkRateLimitConfig } from "./rate-limit/limits";

/** Validate the secrets and settings a production server needs; exit with a clear message if one is wrong. */
export function checkServerConfig(): void {
  try {
    getKeyRing();
    nextAuthSecret();
    trustedProxies();
    checkRateLimitConfig();
    proxySettings();
  } catch (error) {
    if (error instanceof ConfigError && isProduction()) {
      logger.fatal(error.message);
      console.error(`\n✖ FiberWise cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
