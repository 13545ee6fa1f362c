import { cn } from "@/lib/utils/cn";

// The status pill of a connection, shared by the Connections tab and the End users page.

export type ConnectionState = "not_connected" | "active" | "insufficient_scopes" | "needs_reauth" | "revoked";

export const CONNECTION_STATES: Record<ConnectionState, { label: string; className: string }> = {
  not_connected: { label: "Not connected", className: "bg-slate-100 text-slate-700" },
  active: { label: "Connected", className: "bg-emerald-50 text-emerald-700" },
  insufficient_scopes: { label: "Insufficient scopes", className: "bg-amber-50 text-amber-800" },
  needs_reauth: { label: "Needs re-authorization", className: "bg-amber-50 text-amber-800" },
  revoked: { label: "Revoked", className: "bg-red-50 text-red-700" },
};

/** No connection is "not connected"; a status the API may add later reads as "needs re-authorization", the safe assumption. */
export function connectionState(status: string | undefined): ConnectionState {
  if (status === undefined) return "not_connected";
  return Object.hasOwn(CONNECTION_STATES, status) ? (status as ConnectionState) : "needs_reauth";
}

export function ConnectionStatusPill({ state, testId = "connection-status" }: { state: ConnectionState; testId?: string }) {
  return (
    <span data-testid={testId} className={cn("whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", CONNECTION_STATES[state].className)}>
      {CONNECTION_STATES[state].label}
    </span>
  );
}
