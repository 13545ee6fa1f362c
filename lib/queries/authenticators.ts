"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AuthenticatorWarning,
  DiscoveredRegistration,
  PublicAuthenticator,
  RegisterAuthenticatorInput,
  RegisteredAuthenticator,
  UpdateAuthenticatorInput,
} from "@/lib/schemas/authenticator-fields";
import { apiFetch } from "./api-fetch";
import { connectionKeys } from "./connections";

export type { AuthenticatorWarning, DiscoveredRegistration, PublicAuthenticator, RegisteredAuthenticator };
export type UpdatedAuthenticator = RegisteredAuthenticator;

export const authenticatorKeys = {
  all: ["authenticators"] as const,
  app: (appId: string) => ["authenticators", appId] as const,
  list: (appId: string, includeDisabled: boolean) => ["authenticators", appId, { includeDisabled }] as const,
};

const path = (id: string) => `/api/v1/oauth/authenticators/${encodeURIComponent(id)}`;

/** The app's authenticators; disabled ones too when includeDisabled (the Manage tab). */
export function useAuthenticators(appId: string, { includeDisabled = false } = {}) {
  return useQuery({
    queryKey: authenticatorKeys.list(appId, includeDisabled),
    queryFn: async () => {
      const query = new URLSearchParams({ app_id: appId, ...(includeDisabled ? { include_disabled: "true" } : {}) });
      return (await apiFetch<{ authenticators: PublicAuthenticator[] }>(`/api/v1/oauth/authenticators?${query}`)).authenticators;
    },
  });
}

export function useRegisterAuthenticator(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterAuthenticatorInput) =>
      apiFetch<RegisteredAuthenticator>("/api/v1/oauth/authenticators", { method: "POST", json: { ...input, app_id: appId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: authenticatorKeys.app(appId) }),
  });
}

export function useUpdateAuthenticator(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateAuthenticatorInput }) =>
      apiFetch<UpdatedAuthenticator>(path(id), { method: "PATCH", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: authenticatorKeys.app(appId) }),
  });
}

/** Disable / enable, shown at once in the Manage list and rolled back if the API refuses. */
export function useSetAuthenticatorActive(appId: string) {
  const qc = useQueryClient();
  const key = authenticatorKeys.list(appId, true);
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      apiFetch<UpdatedAuthenticator>(path(id), { method: "PATCH", json: { is_active: isActive } }),
    onMutate: async ({ id, isActive }) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<PublicAuthenticator[]>(key);
      qc.setQueryData<PublicAuthenticator[]>(key, (list) => list?.map((a) => (a.authenticator_id === id ? { ...a, is_active: isActive } : a)));
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) qc.setQueryData(key, context.previous);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: authenticatorKeys.app(appId) }),
  });
}

export function useDeleteAuthenticator(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(path(id), { method: "DELETE" }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: authenticatorKeys.app(appId) }),
        qc.invalidateQueries({ queryKey: connectionKeys.app(appId) }),
      ]),
  });
}

/** OpenID Connect / RFC 8414 discovery of a custom provider's endpoints. */
export function useDiscovery() {
  return useMutation({
    mutationFn: (issuer: string) => apiFetch<DiscoveredRegistration>("/api/v1/oauth/discovery", { method: "POST", json: { issuer } }),
  });
}
