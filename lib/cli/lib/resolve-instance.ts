import { CliError } from "./errors";
import { instancesPath, loadInstances, normalizeUrl, unknownInstance, type StoredInstance } from "./config";

export type Instance = { name: string; url: string; apiKey: string };

/**
 * Which instance a command talks to. Flags beat the environment, which beats the config file:
 * 1. --to-instance NAME: that stored instance, as stored.
 * 2. $FIBER_INSTANCE, else the default (`fiber instance use`): the stored instance, with $FIBER_URL and
 *    $FIBER_API_KEY overriding its URL and key when set.
 * 3. $FIBER_URL and $FIBER_API_KEY together need no config file at all (CI).
 */
export async function resolveInstance(toInstance: string | undefined): Promise<Instance> {
  const envUrl = process.env.FIBER_URL || undefined;
  const envKey = process.env.FIBER_API_KEY || undefined;
  const envName = process.env.FIBER_INSTANCE || undefined;

  if (!toInstance && !envName && envUrl && envKey) return { name: "$FIBER_URL", url: normalizeUrl(envUrl), apiKey: envKey };

  const data = await loadInstances();
  const name = toInstance ?? envName ?? data.default;
  if (!name) {
    const known = Object.keys(data.instances);
    throw new CliError(known.length ? "No default instance" : "No instance configured", {
      code: "no_instance",
      hint: known.length
        ? [`Known instances: ${known.join(", ")}`, "Pick one: fiber instance use <name>, or pass --to-instance <name>"]
        : [
            "Add one: fiber instance add <name> --url <url> --api-key <key>",
            `(stored in ${instancesPath()}), or set FIBER_URL and FIBER_API_KEY.`,
          ],
    });
  }
  const stored = data.instances[name];
  if (!stored) {
    if (!toInstance && envUrl && envKey) return { name, url: normalizeUrl(envUrl), apiKey: envKey };
    throw unknownInstance(name, data);
  }
  const explicit = toInstance !== undefined;
  return {
    name,
    url: normalizeUrl((!explicit && envUrl) || stored.url),
    apiKey: (!explicit && envKey) || storedKey(name, stored),
  };
}

/** The stored key, or the value of the variable it refers to (read now, never written to disk). */
export function storedKey(name: string, stored: StoredInstance): string {
  if (stored.api_key) return stored.api_key;
  if (stored.api_key_env) {
    const value = process.env[stored.api_key_env];
    if (value) return value;
    throw new CliError(`The API key for instance "${name}" comes from $${stored.api_key_env}, which is not set`, {
      code: "missing_env_var",
      hint: [`export ${stored.api_key_env}="fw_live_…"`],
    });
  }
  throw new CliError(`Instance "${name}" has no API key`, {
    code: "no_api_key",
    hint: [`fiber instance add ${name} --url ${stored.url} --api-key <key>`],
  });
}
