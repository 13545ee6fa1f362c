"use client";

import { queryOptions, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { PublicProviderTemplate, TemplateList, TemplateSummary } from "@/lib/schemas/templates";
import { CUSTOM_TYPE } from "@/lib/templates/types";
import { ApiError, apiFetch } from "./api-fetch";

export type { PublicProviderTemplate, TemplateSummary };

// The provider template catalogue, from the templates API when a screen needs it (the catalogue is
// about 40 kB gzipped as code: too much to ship to every visitor). It only changes with a deploy, so
// what was fetched once stays fresh for the session.

export const templateKeys = {
  all: ["templates"] as const,
  list: () => ["templates", "list"] as const,
  detail: (type: string) => ["templates", "detail", type] as const,
};

const FOREVER = { staleTime: Infinity, gcTime: 60 * 60_000 } as const;
// A 404 (a type the catalogue no longer has) will not change on a second try.
const retry = (failures: number, error: Error) => !(error instanceof ApiError && error.status < 500) && failures < 1;

/** Every template's summary: the registration form's provider picker. */
export const templateListQuery = () =>
  queryOptions({
    queryKey: templateKeys.list(),
    queryFn: async () => (await apiFetch<TemplateList>("/api/v1/oauth/templates")).templates,
    retry,
    ...FOREVER,
  });

/** One template in full: endpoints, connection-config fields, scopes with descriptions, bundles. */
export const templateQuery = (type: string) =>
  queryOptions({
    queryKey: templateKeys.detail(type),
    queryFn: () => apiFetch<PublicProviderTemplate>(`/api/v1/oauth/templates/${encodeURIComponent(type)}`),
    retry,
    ...FOREVER,
  });

/** Types with a template to fetch: not empty, not "custom". */
export const hasTemplate = (type: string | undefined): type is string => !!type && type !== CUSTOM_TYPE;

/** The template of a type if it has been fetched already (for code outside render, such as a form's resolver). */
export function cachedTemplate(queryClient: QueryClient, type: string): PublicProviderTemplate | undefined {
  return hasTemplate(type) ? queryClient.getQueryData(templateQuery(type).queryKey) : undefined;
}

/** The provider list if it has been fetched already. */
export function cachedTemplateList(queryClient: QueryClient): TemplateSummary[] | undefined {
  return queryClient.getQueryData(templateListQuery().queryKey);
}

export function useTemplateSummaries() {
  return useQuery(templateListQuery());
}

/** The template of one authenticator type; idle for "custom" (and no type). */
export function useTemplate(type: string | undefined) {
  return useQuery({ ...templateQuery(type ?? ""), enabled: hasTemplate(type) });
}

/** Display names of the given types' templates, as they arrive ("custom" and unknown types have none). */
export function useProviderNames(types: readonly string[]): ReadonlyMap<string, string> {
  const key = [...new Set(types.filter(hasTemplate))].sort().join(" ");
  const distinct = useMemo(() => (key ? key.split(" ") : []), [key]);
  const combine = useCallback(
    (results: Array<{ data?: PublicProviderTemplate }>) =>
      new Map(distinct.flatMap((type, i) => (results[i]?.data ? [[type, results[i].data.display_name] as const] : []))),
    [distinct],
  );
  return useQueries({ queries: distinct.map((type) => templateQuery(type)), combine });
}

/** Start fetching what the registration form needs before it opens (on hover or focus of its button). */
export function usePrefetchTemplateList() {
  const qc = useQueryClient();
  return useCallback(() => void qc.prefetchQuery(templateListQuery()), [qc]);
}
