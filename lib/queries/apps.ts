"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AddMemberInput, CreateAppInput, PublicApp, PublicMember } from "@/lib/schemas/apps";
import { apiFetch } from "./api-fetch";

export const appKeys = {
  all: ["apps"] as const,
  members: (appId: string) => ["apps", appId, "members"] as const,
};

export function useApps() {
  return useQuery({
    queryKey: appKeys.all,
    queryFn: async () => (await apiFetch<{ apps: PublicApp[] }>("/api/v1/apps")).apps,
  });
}

export function useCreateApp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAppInput) => apiFetch<PublicApp>("/api/v1/apps", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.all }),
  });
}

export function useRenameApp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ appId, name }: { appId: string; name: string }) =>
      apiFetch<PublicApp>(`/api/v1/apps/${encodeURIComponent(appId)}`, { method: "PATCH", json: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.all }),
  });
}

export function useDeleteApp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (appId: string) =>
      apiFetch<void>(`/api/v1/apps/${encodeURIComponent(appId)}?confirm=${encodeURIComponent(appId)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.all }),
  });
}

export function useMembers(appId: string) {
  return useQuery({
    queryKey: appKeys.members(appId),
    queryFn: async () => (await apiFetch<{ members: PublicMember[] }>(`/api/v1/apps/${encodeURIComponent(appId)}/members`)).members,
  });
}

export function useAddMember(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddMemberInput) =>
      apiFetch<PublicMember>(`/api/v1/apps/${encodeURIComponent(appId)}/members`, { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.members(appId) }),
  });
}

export function useRemoveMember(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      apiFetch<void>(`/api/v1/apps/${encodeURIComponent(appId)}/members/${userId}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.members(appId) }),
  });
}
