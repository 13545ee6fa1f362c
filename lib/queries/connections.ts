"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PublicConnection } from "@/lib/schemas/public-connection";
import { apiFetch } from "./api-fetch";

export type { PublicConnection };
export type ConnectionStatus = "active" | "insufficient_scopes" | "needs_reauth" | "revoked";

export const connectionKeys = {
  all: ["connections"] as const,
  app: (appId: string) => ["connections", appId] as const,
};

/** The signed-in user's own connections in one app (a disconnected one is simply absent). */
export function useConnections(appId: string) {
  return useQuery({
    queryKey: connectionKeys.app(appId),
    queryFn: async () =>
      (await apiFetch<{ connections: PublicConnection[] }>(`/api/v1/credentials/connections?app_id=${encodeURIComponent(appId)}`)).connections,
  });
}

/** Disconnect: the server revokes the grant at the provider and deletes the tokens. */
export function useDisconnect(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (authenticatorId: string) =>
      apiFetch<void>(`/api/v1/credentials/connections/${encodeURIComponent(authenticatorId)}?app_id=${encodeURIComponent(appId)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: connectionKeys.app(appId) }),
  });
}

/**
 * Where the browser goes to connect (a navigation, not a fetch: the server answers with a redirect
 * to the provider and sets the browser-binding cookie). The provider flow ends back on `returnTo`.
 */
export function connectUrl(authenticatorId: string, appId: string, returnTo: string): string {
  const query = new URLSearchParams({ app_id: appId, return_to: returnTo });
  return `/api/v1/oauth/connect/${encodeURIComponent(authenticatorId)}?${query}`;
}
