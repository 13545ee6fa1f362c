import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TabLinks } from "@/components/ui/tabs";

export const metadata: Metadata = { title: "OAuth Authenticators" };

const basePath = "/settings/oauth-authenticators";

const tabs = [
  { id: "manage", label: "Manage Authenticators", href: `${basePath}?tab=manage` },
  { id: "connections", label: "Connections", href: `${basePath}?tab=connections` },
] as const;

const linkClass = "font-medium text-brand-600 hover:text-brand-700 hover:underline";

export default async function OAuthAuthenticatorsPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string }>;
}) {
  const { tab } = await searchParams;
  const activeTab = tab === "connections" ? "connections" : "manage";

  return (
    <div className="space-y-6">
      <PageHeader
        title="OAuth Authenticators"
        description="Register the OAuth clients your apps use to reach providers such as GitHub or Google, and see the accounts your users have connected through them."
      />
      <TabLinks label="Authenticator views" tabs={tabs} activeId={activeTab} />
      {activeTab === "manage" ? (
        <EmptyState
          title="No authenticators yet"
          description="Each authenticator you register appears here with its provider, scopes and the app it belongs to. Client secrets are encrypted and never shown again."
          action={
            <p className="text-slate-600">
              Start by creating an{" "}
              <Link href="/apps" className={linkClass}>
                app
              </Link>{" "}
              to register authenticators for.
            </p>
          }
        />
      ) : (
        <EmptyState
          title="No connections yet"
          description="When one of your users connects an account through an authenticator, the connection appears here with its granted scopes and token status."
          action={
            <p className="text-slate-600">
              Register an authenticator first, on the{" "}
              <Link href={tabs[0].href} className={linkClass}>
                Manage Authenticators
              </Link>{" "}
              tab.
            </p>
          }
        />
      )}
    </div>
  );
}
