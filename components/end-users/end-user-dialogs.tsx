"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useDeleteEndUser, useDisconnectEndUser, type PublicEndUser } from "@/lib/queries/end-users";
import type { PublicApp } from "@/lib/schemas/apps";
import type { PublicConnection } from "@/lib/schemas/public-connection";

export type DisconnectTarget = { endUser: PublicEndUser; connection: PublicConnection };

/** Confirm, then revoke one of an end user's connections at the provider. */
export function DisconnectEndUserDialog({ app, target, onClose }: { app: PublicApp; target: DisconnectTarget | null; onClose: () => void }) {
  const disconnect = useDisconnectEndUser(app.app_id);
  const toast = useToast();
  const name = target?.connection.authenticator_name ?? "";
  const endUserId = target?.endUser.id ?? "";
  const close = () => {
    disconnect.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={target !== null}
      title={`Disconnect ${name} of ${endUserId}?`}
      confirmLabel="Disconnect"
      pending={disconnect.isPending}
      error={disconnect.error?.message}
      onCancel={close}
      onConfirm={() => {
        if (!target) return;
        disconnect.mutate(
          { endUserId: target.endUser.id, authenticatorId: target.connection.authenticator_id },
          {
            onSuccess: () => {
              close();
              toast({ title: `${name} of ${endUserId} disconnected`, description: "Access was revoked at the provider and the stored tokens deleted." });
            },
          },
        );
      }}
    >
      <p>
        {app.name} will no longer be able to use this {name} account for <code className="break-all">{endUserId}</code>. FiberWise revokes its access at the
        provider and deletes the stored tokens. A reconnect link lets them connect again.
      </p>
    </ConfirmDialog>
  );
}

/** Confirm, then forget an end user: every connection revoked, the end user deleted. */
export function DeleteEndUserDialog({ app, endUser, onClose }: { app: PublicApp; endUser: PublicEndUser | null; onClose: () => void }) {
  const remove = useDeleteEndUser(app.app_id);
  const toast = useToast();
  const id = endUser?.id ?? "";
  const n = endUser?.connections.length ?? 0;
  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={endUser !== null}
      title={`Delete end user ${id}?`}
      confirmLabel="Delete end user"
      pending={remove.isPending}
      error={remove.error?.message}
      onCancel={close}
      onConfirm={() => {
        if (!endUser) return;
        remove.mutate(endUser.id, {
          onSuccess: () => {
            close();
            toast({ title: `End user ${id} deleted`, description: n ? `${n} connection${n === 1 ? "" : "s"} revoked at the provider.` : "They had no connections." });
          },
        });
      }}
    >
      <p>
        <code className="break-all">{id}</code> has {n === 0 ? "no connections" : n === 1 ? "1 connection" : `${n} connections`} in {app.name}.{" "}
        {n ? "FiberWise revokes each at its provider, deletes the tokens and " : "FiberWise "}
        forgets the end user (email, name and tags). If your backend mints a connect session for them again, they start from nothing.
      </p>
    </ConfirmDialog>
  );
}
