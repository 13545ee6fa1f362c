import type { Metadata } from "next";
import { AppSwitcher } from "@/components/authenticators/app-switcher";
import { PageHeader } from "@/components/shell/page-header";
import { WEBHOOKS_PATH } from "@/components/webhooks/webhook-format";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { webhookQuerySchema } from "@/lib/schemas/webhooks";
import { readPageQuery } from "@/lib/server/api/read-query";

export const metadata: Metadata = { title: "Webhooks" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WebhooksPage({ searchParams }: { searchParams: SearchParams }) {
  const { app_id: appId } = readPageQuery(await searchParams, webhookQuerySchema);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Endpoints of your own backend that FiberWise notifies when a connection is made, needs re-authorization or is removed. Every delivery is signed (Standard Webhooks) and retried for a day."
        actions={<AppSwitcher appId={appId} path={WEBHOOKS_PATH} />}
      />
      <WebhooksView appId={appId} />
    </div>
  );
}
