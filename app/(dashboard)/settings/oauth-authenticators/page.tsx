import type { Metadata } from "next";
import { AppSwitcher } from "@/components/authenticators/app-switcher";
import { OAuthAuthenticatorsView } from "@/components/authenticators/oauth-authenticators-view";
import { tabHref, type AuthenticatorsTab } from "@/components/authenticators/selected-app";
import { PageHeader } from "@/components/shell/page-header";
import { TabLinks } from "@/components/ui/tabs";
import { authenticatorsPageQuerySchema } from "@/lib/schemas/authenticators";
import { readPageQuery } from "@/lib/server/api/read-query";
import { appUrl } from "@/lib/server/env";

export const metadata: Metadata = { title: "OAuth Authenticators" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OAuthAuthenticatorsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = readPageQuery(await searchParams, authenticatorsPageQuerySchema);
  const tab: AuthenticatorsTab = query.tab;
  const appId = query.app_id;
  const tabs = [
    { id: "manage", label: "Manage Authenticators", href: tabHref("manage", appId) },
    { id: "connections", label: "Connections", href: tabHref("connections", appId) },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title="OAuth Authenticators"
        description="Register the OAuth clients your apps use to reach providers such as Google or GitHub, and connect your own accounts through them."
        actions={<AppSwitcher appId={appId} tab={tab} />}
      />
      <TabLinks label="Authenticator views" tabs={tabs} activeId={tab} />
      {/* The server knows APP_URL, which redirect URIs are built from (it may differ from the browser's origin behind a proxy). */}
      <OAuthAuthenticatorsView tab={tab} appId={appId} redirectBase={`${appUrl()}/auth/callback/`} />
    </div>
  );
}
