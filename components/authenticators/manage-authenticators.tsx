"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/form-field";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import {
  useAuthenticators,
  useDeleteAuthenticator,
  useSetAuthenticatorActive,
  type PublicAuthenticator,
  type RegisteredAuthenticator,
} from "@/lib/queries/authenticators";
import { useProviderNames, usePrefetchTemplateList } from "@/lib/queries/templates";
import { cn } from "@/lib/utils/cn";
import type { SavedAuthenticator } from "./authenticator-form";
import type { FormMode } from "./authenticator-form-values";
import { AuthenticatorsTable } from "./authenticators-table";
import { FormLoading } from "./form-placeholder";
import { providerName } from "./provider-catalog";
import { RegisteredPanel } from "./registered-panel";
import { canManage as canManageApp, tabHref, type PublicApp } from "./selected-app";

const linkClass = "font-medium text-brand-700 hover:underline";

// The form (react-hook-form, zod and the registration rules) comes with the first dialog, not with
// the page: most visits only look at the list. Hovering or focusing "Add Authenticator" starts both
// downloads early.
const loadForm = () => import("./authenticator-form");
const AuthenticatorForm = dynamic(() => loadForm().then((m) => m.AuthenticatorForm), { loading: () => <FormLoading /> });

function matches(a: PublicAuthenticator, query: string, names: ReadonlyMap<string, string>): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [a.name, a.authenticator_id, a.authenticator_type, providerName(a.authenticator_type, names)].some((v) => v.toLowerCase().includes(q));
}

/** The Manage Authenticators tab: list, search, add, edit, disable/enable and delete. */
export function ManageAuthenticators({ app, redirectBase }: { app: PublicApp; redirectBase: string }) {
  const canManage = canManageApp(app);
  const list = useAuthenticators(app.app_id, { includeDisabled: true });
  const setActive = useSetAuthenticatorActive(app.app_id);
  const remove = useDeleteAuthenticator(app.app_id);
  const toast = useToast();
  const [query, setQuery] = useState("");
  const [formMode, setFormMode] = useState<FormMode | null>(null);
  const [deleting, setDeleting] = useState<PublicAuthenticator | null>(null);
  const [registered, setRegistered] = useState<RegisteredAuthenticator | null>(null);
  const prefetchTemplates = usePrefetchTemplateList();
  const prefetchForm = () => {
    void loadForm();
    prefetchTemplates();
  };
  const openCreate = () => {
    prefetchForm();
    setFormMode({ kind: "create" });
  };

  const onSaved = (saved: SavedAuthenticator) => {
    setFormMode(null);
    if (saved.kind === "created") {
      setRegistered(saved.authenticator);
      toast({ title: `${saved.authenticator.name} registered`, description: "Now paste its redirect URI in the provider's console." });
    } else if (saved.kind === "updated") {
      toast({ title: `${saved.authenticator.name} updated` });
    } else {
      toast({ title: "Nothing to save", description: "No field was changed.", tone: "info" });
    }
  };

  const toggle = (a: PublicAuthenticator) =>
    setActive.mutate(
      { id: a.authenticator_id, isActive: !a.is_active },
      {
        onSuccess: () =>
          toast({
            title: `${a.name} ${a.is_active ? "disabled" : "enabled"}`,
            description: a.is_active ? "Users can't connect it, and the app gets no tokens from it, until you enable it." : "Users can connect it again.",
          }),
        onError: (error) => toast({ tone: "error", title: `Couldn't ${a.is_active ? "disable" : "enable"} ${a.name}`, description: error.message }),
      },
    );

  const names = useProviderNames(list.data?.map((a) => a.authenticator_type) ?? []);
  const items = list.data?.filter((a) => matches(a, query, names)) ?? [];

  return (
    <div className="space-y-4">
      {!canManage ? (
        <div role="note" className="rounded-xl border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-900">
          You are a member of <strong>{app.name}</strong>: its owners and developers manage authenticators, so this list is read-only. To
          connect your own accounts, open the{" "}
          <Link href={tabHref("connections", app.app_id)} className={linkClass}>
            Connections
          </Link>{" "}
          tab.
        </div>
      ) : null}

      {registered ? <RegisteredPanel authenticator={registered} onDismiss={() => setRegistered(null)} /> : null}

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative sm:w-80">
          <label htmlFor="authenticator-search" className="sr-only">
            Search authenticators
          </label>
          <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.75} className="pointer-events-none absolute left-3 top-2.5 size-4 text-slate-400" aria-hidden="true">
            <circle cx="9" cy="9" r="5.5" />
            <path d="m13 13 3.5 3.5" strokeLinecap="round" />
          </svg>
          <input
            id="authenticator-search"
            type="search"
            placeholder="Search by name, type or ID"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className={cn(inputClass, "pl-9")}
          />
        </div>
        {canManage ? (
          <Button onClick={openCreate} onPointerEnter={prefetchForm} onFocus={prefetchForm}>
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
              <path d="M10 4a1 1 0 0 1 1 1v4h4a1 1 0 1 1 0 2h-4v4a1 1 0 1 1-2 0v-4H5a1 1 0 1 1 0-2h4V5a1 1 0 0 1 1-1Z" />
            </svg>
            Add Authenticator
          </Button>
        ) : null}
      </div>

      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading authenticators" className="space-y-px overflow-hidden rounded-xl border border-slate-200 bg-white">
          <Skeleton className="h-10 rounded-none" />
          {[0, 1, 2].map((i) => (
            <div key={i} className="flex items-center gap-4 px-4 py-4">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="size-7" />
              <Skeleton className="h-4 flex-1" />
              <Skeleton className="h-4 w-16" />
            </div>
          ))}
        </div>
      ) : list.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {list.error.message}
        </p>
      ) : list.data.length === 0 ? (
        <EmptyState
          title="No authenticators yet"
          description={
            canManage
              ? `An authenticator is the OAuth client ${app.name} uses to reach a provider such as Google or GitHub on a user's behalf. You need the client ID and secret from the provider's developer console.`
              : `${app.name} has no authenticators yet. Its owners and developers add them here.`
          }
          action={
            canManage ? (
              <Button onClick={openCreate} onPointerEnter={prefetchForm} onFocus={prefetchForm}>
                Add your first authenticator
              </Button>
            ) : (
              <p className="text-slate-600">Nothing to do here for now.</p>
            )
          }
        />
      ) : items.length === 0 ? (
        <EmptyState
          title="No matches"
          description={`No authenticator's name, type or ID contains “${query.trim()}”.`}
          action={
            <Button variant="secondary" onClick={() => setQuery("")}>
              Clear search
            </Button>
          }
        />
      ) : (
        <AuthenticatorsTable
          items={items}
          names={names}
          canManage={canManage}
          onEdit={(a) => setFormMode({ kind: "edit", authenticator: a })}
          onToggle={toggle}
          onDelete={(a) => {
            remove.reset();
            setDeleting(a);
          }}
        />
      )}

      <Dialog
        open={formMode !== null}
        onClose={() => setFormMode(null)}
        size="lg"
        className="h-[min(54rem,calc(100dvh-2rem))]"
        title={formMode?.kind === "edit" ? `Edit ${formMode.authenticator.name}` : "Add authenticator"}
        description={
          formMode?.kind === "edit"
            ? "Change scopes, URLs or credentials. Only the fields you change are saved."
            : `Register an OAuth client for ${app.name}. Your users then connect their accounts through it.`
        }
      >
        {formMode ? <AuthenticatorForm mode={formMode} appId={app.app_id} redirectBase={redirectBase} onCancel={() => setFormMode(null)} onSaved={onSaved} /> : null}
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "authenticator"}?`}
        confirmLabel="Delete authenticator"
        pending={remove.isPending}
        error={remove.error?.message}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (!deleting) return;
          const target = deleting;
          remove.mutate(target.authenticator_id, {
            onSuccess: () => {
              setDeleting(null);
              toast({ title: `${target.name} deleted` });
              // Its row (and the button that opened the dialog) is gone: continue from the search box.
              setTimeout(() => document.getElementById("authenticator-search")?.focus(), 0);
            },
          });
        }}
      >
        <p>
          This removes <strong>{deleting?.name}</strong> and its encrypted client secret for good.
        </p>
        <p data-testid="delete-impact">
          {deleting?.connections_count
            ? `${deleting.connections_count} user connection${deleting.connections_count === 1 ? "" : "s"} will be revoked. Those users must connect again if you register it anew.`
            : "No user has connected through it, so no connection will be revoked."}
        </p>
      </ConfirmDialog>
    </div>
  );
}
