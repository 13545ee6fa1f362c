"use client";

import { useEffect, useMemo, useState } from "react";
import { endUserTagFilterSchema } from "@/lib/schemas/end-users";
import type { ConnectionStatusFilter, EndUserFilters } from "@/lib/queries/end-users";
import { endUsersHref } from "./end-users-params";

const DEBOUNCE_MS = 300;

// Hand-written: a timer in an effect is all a debounce needs here; a library would add more than it saves.
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The filters as typed and as applied: search and tag are debounced, a tag that is not name:value is
 * not sent (the field says why). The applied filters are mirrored into the URL so a reload keeps them.
 */
export function useEndUserFilters(appId: string, initial: EndUserFilters) {
  const [q, setQ] = useState(initial.q ?? "");
  const [tag, setTag] = useState(initial.tag ?? "");
  const [status, setStatus] = useState<ConnectionStatusFilter | undefined>(initial.status);
  const debouncedQ = useDebounced(q.trim(), DEBOUNCE_MS);
  const debouncedTag = useDebounced(tag.trim(), DEBOUNCE_MS);

  const tagValid = debouncedTag === "" || endUserTagFilterSchema.safeParse(debouncedTag).success;
  const applied: EndUserFilters = useMemo(
    () => ({ q: debouncedQ || undefined, status, tag: debouncedTag && tagValid ? debouncedTag : undefined }),
    [debouncedQ, debouncedTag, status, tagValid],
  );

  useEffect(() => {
    // Next.js keeps its router in step with history.replaceState, without a server round trip.
    window.history.replaceState(null, "", endUsersHref(appId, applied));
  }, [appId, applied]);

  return {
    values: { q, tag, status },
    set: { q: setQ, tag: setTag, status: setStatus },
    applied,
    tagError: tagValid ? undefined : "Write a tag filter as name:value, for example plan:pro",
    active: Boolean(applied.q || applied.status || applied.tag),
    clear: () => {
      setQ("");
      setTag("");
      setStatus(undefined);
    },
  };
}
