"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ConnectionStatusFilter, CreatedConnectSession, EndUsersPage, PublicEndUser } from "@/lib/schemas/end-users";
import { ApiError, apiFetch } from "./api-fetch";

export type { ConnectionStatusFilter, CreatedConnectSession, PublicEndUser };
/** The End users page's filters as the API takes them (tag: one name:value). */
export type EndUserFilters = { q?: string; status?: ConnectionStatusFilter; tag?: string };

export const endUserKeys = {
  all: ["end-users"] as const,
  app: (appId: string) => ["end-users", appId] as const,
  list: (appId: string, filters: EndUserFilters) => ["end-users", appId, filters] as const,
};

const PAGE_SIZE = 25;

/** The app's end users, newest first, a page at a time (next_cursor); keeps the old list on screen while a new filter loads. */
export function useEndUsers(appId: string, filters: EndUserFilters) {
  return useInfiniteQuery({
    queryKey: endUserKeys.list(appId, filters),
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ app_id: appId, limit: String(PAGE_SIZE) });
      if (filters.q) query.set("q", filters.q);
      if (filters.status) query.set("status", filters.status);
      if (filters.tag) query.append("tag", filters.tag);
      if (pageParam) query.set("cursor", pageParam);
      return apiFetch<EndUsersPage>(`/api/v1/end-users?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    placeholderData: keepPreviousData,
    // A refusal (403 for a member, 422 for a bad filter) will not change on retry.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

/** A fresh connect session for one end user and all the app's enabled authenticators (the hosted page ends on its own "done" page). */
export function useCreateReconnectLink(appId: string) {
  return useMutation({
    mutationFn: (endUserId: string) =>
      apiFetch<CreatedConnectSession>("/api/v1/connect/sessions", { method: "POST", json: { app_id: appId, end_user: { id: endUserId } } }),
  });
}

/** Disconnect one of an end user's connections: revoked at the provider, tokens deleted. */
export function useDisconnectEndUser(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ endUserId, authenticatorId }: { endUserId: string; authenticatorId: string }) => {
      const query = new URLSearchParams({ app_id: appId, end_user_id: endUserId });
      return apiFetch<void>(`/api/v1/credentials/connections/${encodeURIComponent(authenticatorId)}?${query}`, { method: "DELETE" });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: endUserKeys.app(appId) }),
  });
}

/** Forget an end user: every connection revoked at its provider, then the end user deleted. */
export function useDeleteEndUser(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (endUserId: string) =>
      apiFetch<void>(`/api/v1/end-users/${encodeURIComponent(endUserId)}?app_id=${encodeURIComponent(appId)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: endUserKeys.app(appId) }),
  });
}
