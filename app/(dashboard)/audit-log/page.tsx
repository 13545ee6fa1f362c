import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditLogPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="A record of every change to apps, authenticators, connections and API keys: who made it and when."
      />
      <EmptyState
        title="No events yet"
        description="Every create, update, revoke and delete is recorded here as it happens. Secrets are never written to the log."
        action={<p className="text-slate-600">Events appear automatically; there is nothing to set up.</p>}
      />
    </div>
  );
}
