import type { PublicApp } from "@/lib/schemas/apps";

export type { PublicApp };
export type AuthenticatorsTab = "manage" | "connections";

export const BASE_PATH = "/settings/oauth-authenticators";

/** The app named in ?app_id=, else the first of the user's apps. */
export function pickApp(apps: readonly PublicApp[], appId: string | undefined): PublicApp | undefined {
  return apps.find((app) => app.app_id === appId) ?? apps[0];
}

export function tabHref(tab: AuthenticatorsTab, appId?: string): string {
  const query = new URLSearchParams({ tab, ...(appId ? { app_id: appId } : {}) });
  return `${BASE_PATH}?${query}`;
}

export const canManage = (app: PublicApp) => app.role === "owner" || app.role === "developer";
