import { chmod, mkdir, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { CliError } from "./errors";
import { readJsonFile } from "./json-file";

// The instances file: where each FiberWise instance lives and the API key to use there. It holds
// keys, so it is written 0600 in a 0700 directory, atomically (a crash never leaves half a file).

export type StoredInstance = { url: string; api_key?: string; api_key_env?: string; added_at?: string };
export type InstancesFile = { default?: string; instances: Record<string, StoredInstance> };

export const INSTANCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function configDir(): string {
  if (process.env.FIBER_CONFIG_DIR) return path.resolve(process.env.FIBER_CONFIG_DIR);
  const base = process.env.XDG_CONFIG_HOME || path.join(homedir(), ".config");
  return path.join(base, "fiberwise");
}

export const instancesPath = () => path.join(configDir(), "instances.json");

export async function loadInstances(): Promise<InstancesFile> {
  const file = instancesPath();
  const data = await readJsonFile(file);
  if (data === null) return { instances: {} };
  const record = data as Partial<InstancesFile>;
  if (typeof data !== "object" || Array.isArray(data) || typeof record.instances !== "object" || record.instances === null) {
    throw new CliError(`${file} is not a FiberWise instances file (expected {"instances": {…}})`, { code: "invalid_config" });
  }
  return { default: typeof record.default === "string" ? record.default : undefined, instances: record.instances };
}

export async function saveInstances(data: InstancesFile): Promise<void> {
  const dir = configDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const file = instancesPath();
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

/** "https://fw.example.com/api/v1/" → "https://fw.example.com"; refuses anything but http(s). */
export function normalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new CliError(`Invalid URL "${input}": give the instance's address, e.g. https://fiberwise.example.com`, { code: "invalid_url" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`Invalid URL "${input}": use http:// or https://`, { code: "invalid_url" });
  }
  const pathname = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  return `${url.origin}${pathname}`;
}

/** The message for an instance name that is not in the file, listing the ones that are. */
export function unknownInstance(name: string, data: InstancesFile): CliError {
  const known = Object.keys(data.instances);
  return new CliError(`Unknown instance "${name}"`, {
    code: "unknown_instance",
    hint: [
      known.length ? `Known instances: ${known.join(", ")}` : `No instances are configured (${instancesPath()}).`,
      "Add one: fiber instance add <name> --url <url> --api-key <key>",
      "Or set FIBER_URL and FIBER_API_KEY.",
    ],
  });
}
