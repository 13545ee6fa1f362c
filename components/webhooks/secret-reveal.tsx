"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret, shown once (after create or rotate): copy it into the receiver now. */
export function SecretReveal({ secret, title, note, onDone }: { secret: string; title: string; note: string; onDone: () => void }) {
  return (
    <div role="status" data-testid="webhook-secret" className="space-y-2 rounded-xl border border-emerald-200 bg-emerald-50 p-4">
      <p className="text-sm font-semibold text-emerald-900">{title}</p>
      <p className="text-sm text-emerald-800">{note} It is shown only this once; verify deliveries with it (any Standard Webhooks library).</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <code data-testid="webhook-secret-value" className="block flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy secret" />
        <Button variant="ghost" onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
