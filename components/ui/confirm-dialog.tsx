"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { Dialog, DialogBody, DialogFooter } from "./dialog";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string | null;
  tone?: "danger" | "primary";
};

/** A yes/no question as an alertdialog; the safe choice (Cancel) gets the focus. */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, pending, error, tone = "danger" }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} role="alertdialog" size="sm">
      <DialogBody className="space-y-3 text-sm leading-6 text-slate-700">
        {children}
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
            {error}
          </p>
        ) : null}
      </DialogBody>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel} data-autofocus>
          Cancel
        </Button>
        <Button type="button" variant={tone} pending={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
