import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "API keys" };

export default function ApiKeysPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description="Keys for the fiber CLI and backend agents. Send one as Authorization: Bearer <key>. A key acts for you, limited to its scopes and, optionally, to one app."
      />
      <ApiKeysManager />
    </div>
  );
}
