import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { PublicApp } from "@/lib/schemas/apps";

export function EndUsersSkeleton() {
  return (
    <ul aria-busy="true" aria-label="Loading end users" className="space-y-3">
      {[0, 1, 2].map((i) => (
        <li key={i} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-3 w-64 max-w-full" />
          <div className="flex items-center gap-3">
            <Skeleton className="size-7" />
            <Skeleton className="h-3 w-32" />
            <Skeleton className="h-5 w-20 rounded-full" />
          </div>
        </li>
      ))}
    </ul>
  );
}

const lockIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className="size-5" aria-hidden="true">
    <path d="M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5zM12 15v2" />
  </svg>
);

/** A member of the app (the API answers 403 insufficient_role): say who can, not what failed. */
export function EndUsersRestricted({ app }: { app: PublicApp }) {
  return (
    <EmptyState
      icon={lockIcon}
      title="Only owners and developers can see end users"
      description={`Your role in ${app.name} is ${app.role}. End users' details and connections are visible to the app's owners and developers; ask an owner to make you a developer.`}
      action={
        <Link href="/apps" className="font-medium text-brand-700 hover:underline">
          See the app&apos;s members
        </Link>
      }
    />
  );
}

/** No end users yet: how they appear (the app's backend mints a connect session for one of its users). */
export function NoEndUsersYet({ app, apiBase }: { app: PublicApp; apiBase: string }) {
  const curl = `curl -X POST ${apiBase}/api/v1/connect/sessions \\
  -H "Authorization: Bearer $FIBERWISE_API_KEY" -H 'content-type: application/json' \\
  -d '{"app_id":"${app.app_id}","end_user":{"id":"u_123","email":"ada@example.com"}}'`;
  return (
    <EmptyState
      title="No end users yet"
      description={
        <>
          End users are the people who use {app.name}, your own product; they never sign up to FiberWise. One appears here the first time your backend mints
          a connect session for them (<code className="text-xs">POST /api/v1/connect/sessions</code>, or <code className="text-xs">createConnectSession</code>{" "}
          in the server SDK) with an API key that has <code className="text-xs">connect:write</code>.
        </>
      }
      action={
        <div className="w-full max-w-xl space-y-3 text-left">
          <pre className="whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-3 text-xs leading-5 text-slate-100">
            <code>{curl}</code>
          </pre>
          <div className="flex flex-wrap items-center gap-3">
            <CopyButton value={curl} label="Copy command" />
            <Link href="/api-keys" className="font-medium text-brand-700 hover:underline">
              Create an API key
            </Link>
          </div>
          <p className="text-slate-600">
            The whole flow (backend, frontend SDK, tokens by your own user id) is in the README, section{" "}
            <strong className="font-medium text-slate-800">“Connect your own app&apos;s users”</strong>.
          </p>
        </div>
      }
    />
  );
}
