import type { Metadata } from "next";
import { AppSwitcher } from "@/components/authenticators/app-switcher";
import { parseEndUsersParams, END_USERS_PATH } from "@/components/end-users/end-users-params";
import { EndUsersView } from "@/components/end-users/end-users-view";
import { PageHeader } from "@/components/shell/page-header";
import { appUrl } from "@/lib/server/env";

export const metadata: Metadata = { title: "End users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EndUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const { appId, filters } = parseEndUsersParams(await searchParams);
  return (
    <div className="space-y-6">
      <PageHeader
        title="End users"
        description="Your own product's users and the accounts they connected through FiberWise: their statuses, a fresh connect link for whoever needs one, disconnect and delete."
        actions={<AppSwitcher appId={appId} path={END_USERS_PATH} />}
      />
      {/* The server knows APP_URL, which the example request is written against (it may differ from the browser's origin behind a proxy). */}
      <EndUsersView appId={appId} initialFilters={filters} apiBase={appUrl()} />
    </div>
  );
}
