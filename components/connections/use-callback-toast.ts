"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { useToast } from "@/components/ui/toast";
import { CALLBACK_PARAMS, callbackErrorMessage } from "./callback-messages";

/**
 * On return from the provider, say how it went (once), then drop the callback parameters from the
 * URL so a reload does not repeat it. Waits for `names` so the toast can name the provider.
 */
export function useCallbackToast(names: Map<string, string> | null) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const toast = useToast();
  const handled = useRef<string | null>(null);
  const callbackId = params.get("oauth_callback");

  useEffect(() => {
    if (!callbackId || !names) return;
    const key = params.toString();
    if (handled.current === key) return;
    handled.current = key;

    const name = names.get(callbackId) ?? callbackId;
    if (params.get("status") === "success") {
      toast({ title: `${name} connected`, description: "The app can now use this account within the permissions you granted." });
    } else {
      const missing = (params.get("missing_scopes") ?? "").split(/\s+/).filter(Boolean);
      toast({ tone: "error", title: `Couldn't connect ${name}`, description: callbackErrorMessage(params.get("error"), name, missing) });
    }
    const rest = new URLSearchParams(params);
    for (const key of CALLBACK_PARAMS) rest.delete(key);
    router.replace(`${pathname}?${rest}`, { scroll: false });
  }, [callbackId, names, params, pathname, router, toast]);
}
