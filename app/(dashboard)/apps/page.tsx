import type { Metadata } from "next";
import { AppsManager } from "@/components/apps/apps-manager";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Apps" };

export default function AppsPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Apps"
        description="An app is one of your products. It groups the authenticators, API keys and user connections that belong to it. Its app_id is what the API (?app_id=) and the CLI (.fw-data/fw_app_info.json) use."
      />
      <AppsManager />
    </div>
  );
}
