import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Monitoring" };

export default function MonitoringPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Monitoring"
        description="The health of your connections: token refreshes, failures and errors returned by providers."
      />
      <EmptyState
        title="Nothing to monitor yet"
        description="Refresh activity, failed refreshes and provider errors will show up here once your users have connected accounts."
        action={<p className="text-slate-600">Register an authenticator and connect a first account to start collecting data.</p>}
      />
    </div>
  );
}
