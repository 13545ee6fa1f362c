"use client";

import { formatDateTime } from "@/components/authenticators/format";
import { CopyButton } from "@/components/ui/copy-button";
import { useToast } from "@/components/ui/toast";
import { useCreateReconnectLink, type CreatedConnectSession } from "@/lib/queries/end-users";
import { CONNECT_SESSION_TTL_MINUTES } from "@/lib/schemas/end-users";

function validity(session: CreatedConnectSession): string {
  const n = session.allowed_authenticators.length;
  return `It works until ${formatDateTime(session.expires_at)} (${CONNECT_SESSION_TTL_MINUTES} minutes) for ${n} authenticator${n === 1 ? "" : "s"}.`;
}

/**
 * "Copy reconnect link": mint a connect session for the end user, put its hosted-page URL on the
 * clipboard and say until when it works. Where the browser refuses the clipboard (the request took
 * the click's user activation with it, or the page is not a secure context) the toast shows the link
 * with a Copy button instead, so the link is never lost.
 */
export function useReconnectLink(appId: string) {
  const mint = useCreateReconnectLink(appId);
  const toast = useToast();

  const copy = (endUserId: string) =>
    mint.mutate(endUserId, {
      onSuccess: async (session) => {
        try {
          if (!navigator.clipboard) throw new Error("no clipboard");
          await navigator.clipboard.writeText(session.connect_url);
          toast({ title: `Reconnect link for ${endUserId} copied`, description: `Send it to them. ${validity(session)}` });
        } catch {
          toast({
            tone: "info",
            duration: 0,
            title: `Reconnect link for ${endUserId}`,
            description: (
              <div className="space-y-2">
                <code data-testid="reconnect-link" className="block break-all rounded bg-slate-50 px-2 py-1 text-xs">
                  {session.connect_url}
                </code>
                <p>{validity(session)}</p>
                <CopyButton value={session.connect_url} label="Copy link" />
              </div>
            ),
          });
        }
      },
      onError: (error) => toast({ tone: "error", title: `Couldn't create a reconnect link for ${endUserId}`, description: error.message }),
    });

  return { copy, pendingFor: mint.isPending ? mint.variables : undefined };
}
