import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Me } from "../../schemas/auth";
import { CliError } from "./errors";
import type { HttpClient } from "./http";
import { readJsonFile } from "./json-file";

// An app directory says which app it belongs to in .fw-data/fw_app_info.json ({"app_id": "…"}).

export const APP_INFO = ".fw-data/fw_app_info.json";

export type { Me };

export const appInfoPath = (appDir: string) => path.join(path.resolve(appDir), APP_INFO);

export async function readAppInfo(appDir: string): Promise<Record<string, unknown> | null> {
  const data = await readJsonFile(appInfoPath(appDir));
  if (data === null) return null;
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new CliError(`${appInfoPath(appDir)} must hold a JSON object like {"app_id": "my-app"}`, { code: "invalid_app_info" });
  }
  return data as Record<string, unknown>;
}

/** Write the app_id, keeping whatever else the file holds. */
export async function writeAppInfo(appDir: string, appId: string): Promise<{ file: string; info: Record<string, unknown> }> {
  const file = appInfoPath(appDir);
  const info = { ...((await readAppInfo(appDir)) ?? {}), app_id: appId };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`);
  return { file, info };
}

/**
 * The app a command is about: the directory's fw_app_info.json, else the app the API key is
 * restricted to (GET /api/v1/me), else the spec's "Verify app context" diagnosis.
 */
export async function resolveAppId(appDir: string, client: HttpClient): Promise<string> {
  const info = await readAppInfo(appDir);
  if (info) {
    if (typeof info.app_id === "string" && info.app_id.trim()) return info.app_id.trim();
    throw new CliError(`${appInfoPath(appDir)} has no "app_id"`, {
      code: "no_app_context",
      hint: ["Fix it with: fiber app link <app_id>"],
    });
  }
  const me = await client.request<Me>("GET", "/me");
  if (me.app_id) return me.app_id;
  throw new CliError(
    `No app context: ${APP_INFO} not found in ${path.resolve(appDir)}. Verify app context: ls ${APP_INFO} — or run \`fiber app link <app_id>\``,
    { code: "no_app_context", hint: ["Or pass --app-dir <dir> pointing at your app's directory"] },
  );
}
