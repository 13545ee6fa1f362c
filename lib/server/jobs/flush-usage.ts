import "server-only";
import { flushTokenUsage } from "../connections/token-usage";
import { flushProxyUsage } from "../proxy/proxy-usage";

/** Write the usage counted in memory (tokens served, proxy calls) as their per-minute aggregate events. */
export async function flushUsage(): Promise<void> {
  await Promise.all([flushTokenUsage(), flushProxyUsage()]);
}
