"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useDeleteApp, useRenameApp } from "@/lib/queries/apps";
import type { PublicApp } from "@/lib/schemas/apps";
import { MembersPanel } from "./members-panel";

export function AppCard({ app }: { app: PublicApp }) {
  const [mode, setMode] = useState<"view" | "rename" | "delete" | "members">("view");
  const [name, setName] = useState(app.name);
  const [confirm, setConfirm] = useState("");
  const rename = useRenameApp();
  const remove = useDeleteApp();
  const isOwner = app.role === "owner";

  return (
    <li className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" data-testid={`app-${app.app_id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="truncate font-semibold text-slate-900">{app.name}</p>
          <p className="mt-0.5 text-sm text-slate-600">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{app.app_id}</code>
            <span className="ml-2 text-xs uppercase tracking-wide text-slate-500">{app.role}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setMode(mode === "members" ? "view" : "members")}>Members</Button>
          {isOwner ? <Button variant="secondary" onClick={() => setMode("rename")}>Rename</Button> : null}
          {isOwner ? <Button variant="secondary" onClick={() => setMode("delete")}>Delete</Button> : null}
        </div>
      </div>

      {mode === "rename" ? (
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={async (e) => {
            e.preventDefault();
            await rename.mutateAsync({ appId: app.app_id, name }).then(() => setMode("view")).catch(() => {});
          }}
        >
          <input aria-label="New name" value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
          <Button type="submit" pending={rename.isPending}>Save</Button>
          <Button type="button" variant="ghost" onClick={() => setMode("view")}>Cancel</Button>
        </form>
      ) : null}
      {rename.error ? <p role="alert" className="text-sm text-red-600">{rename.error.message}</p> : null}

      {mode === "delete" ? (
        <div role="alertdialog" aria-label={`Delete ${app.name}`} className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm">
          <p className="text-red-800">
            Deleting <strong>{app.name}</strong> removes its authenticators and every user connection, for good. Type{" "}
            <code className="rounded bg-white px-1">{app.app_id}</code> to confirm.
          </p>
          <input aria-label="Confirm app_id" value={confirm} onChange={(e) => setConfirm(e.target.value)} className={inputClass} />
          <div className="flex gap-2">
            <Button variant="danger" disabled={confirm !== app.app_id} pending={remove.isPending} onClick={() => remove.mutate(app.app_id)}>
              Delete app
            </Button>
            <Button variant="ghost" onClick={() => setMode("view")}>Cancel</Button>
          </div>
          {remove.error ? <p role="alert" className="text-red-700">{remove.error.message}</p> : null}
        </div>
      ) : null}

      {mode === "members" ? <MembersPanel appId={app.app_id} canManage={isOwner} /> : null}
    </li>
  );
}
