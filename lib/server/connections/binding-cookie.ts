import "server-only";
import { appUrl } from "../env";
import { STATE_TTL_MS } from "./start-connection";

/** The cookie that binds an OAuth flow's state to the browser that started it. */
export const BINDING_COOKIE = "fw_oauth_binding";

export function bindingCookieHeader(value: string): string {
  const secure = appUrl().startsWith("https://") ? "; Secure" : "";
  return `${BINDING_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${STATE_TTL_MS / 1000}${secure}`;
}

export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}
