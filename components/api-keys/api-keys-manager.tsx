"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useApiKeys, useRevokeApiKey } from "@/lib/queries/api-keys";
import type { CreatedApiKey, PublicApiKey } from "@/lib/schemas/api-keys";
import { CreateApiKeyForm } from "./create-api-key-form";

const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : "—");

function status(key: PublicApiKey): { label: string; className: string } {
  if (key.revoked_at) return { label: "Revoked", className: "bg-slate-100 text-slate-600" };
  if (key.expires_at && new Date(key.expires_at) <= new Date()) return { label: "Expired", className: "bg-amber-50 text-amber-700" };
  return { label: "Active", className: "bg-emerald-50 text-emerald-700" };
}

export function ApiKeysManager() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);

  return (
    <div className="space-y-6">
      <CreateApiKeyForm onCreated={(key) => { setCreated(key); setCopied(false); }} />

      {created ? (
        <div role="status" data-testid="new-api-key" className="space-y-2 rounded-xl border border-emerald-200 bg-emerald-50 p-5">
          <p className="text-sm font-semibold text-emerald-900">Your new API key “{created.name}”</p>
          <p className="text-sm text-emerald-800">Copy it now. It is shown only this once; FiberWise keeps only a hash of it.</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <code data-testid="new-api-key-value" className="block flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm">
              {created.key}
            </code>
            <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(created.key).then(() => setCopied(true))}>
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button variant="ghost" onClick={() => setCreated(null)}>Done</Button>
          </div>
        </div>
      ) : null}

      {keys.isPending ? (
        <div className="h-24 animate-pulse rounded-xl bg-slate-200/60" aria-label="Loading API keys" />
      ) : keys.error ? (
        <p role="alert" className="text-sm text-red-600">{keys.error.message}</p>
      ) : keys.data.length === 0 ? (
        <EmptyState
          title="No API keys yet"
          description="API keys let the fiber CLI and your backend agents call FiberWise on your behalf."
          action={<p className="text-slate-600">Create one above; choose only the scopes it needs.</p>}
        />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" aria-label="API keys">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th><th className="px-4 py-2">Key</th><th className="px-4 py-2">App</th>
                <th className="px-4 py-2">Scopes</th><th className="px-4 py-2">Last used</th><th className="px-4 py-2">Expires</th>
                <th className="px-4 py-2">Status</th><th className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.data.map((key) => {
                const s = status(key);
                return (
                  <tr key={key.id} data-testid={`api-key-${key.id}`}>
                    <td className="px-4 py-2 font-medium">{key.name}</td>
                    <td className="px-4 py-2 font-mono text-xs">{key.prefix}…</td>
                    <td className="px-4 py-2">{key.app_id ?? "All"}</td>
                    <td className="px-4 py-2 text-xs text-slate-600">{key.scopes.join(", ")}</td>
                    <td className="px-4 py-2">{date(key.last_used_at)}</td>
                    <td className="px-4 py-2">{key.expires_at ? date(key.expires_at) : "Never"}</td>
                    <td className="px-4 py-2"><span className={`rounded-full px-2 py-0.5 text-xs ${s.className}`}>{s.label}</span></td>
                    <td className="px-4 py-2 text-right">
                      {key.revoked_at ? null : (
                        <Button
                          variant="ghost"
                          className="px-2 py-1 text-xs text-red-700"
                          onClick={() => window.confirm(`Revoke "${key.name}"? Anything using it stops working at once.`) && revoke.mutate(key.id)}
                        >
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
