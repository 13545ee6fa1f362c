"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import type { ShellUser } from "@/lib/schemas/auth";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { cn } from "@/lib/utils/cn";

const itemClass =
  "block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900";

export function UserMenu({ user }: { user: ShellUser | null }) {
  if (!user) {
    return (
      <div data-testid="user-menu" className="flex shrink-0 items-center gap-1 sm:gap-2">
        <Link
          href="/signin"
          className="whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 sm:px-3"
        >
          Sign in
        </Link>
        <Link
          href="/signup"
          className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-brand-700"
        >
          Sign up
        </Link>
      </div>
    );
  }

  return <SignedInMenu user={user} />;
}

function SignedInMenu({ user }: { user: ShellUser }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const initial = (user.name?.trim() || user.email).charAt(0).toUpperCase();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      data-testid="user-menu"
      className="relative min-w-0"
      onBlur={(event) => {
        // Close when keyboard focus leaves the menu entirely.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex max-w-full items-center gap-2 rounded-full sm:max-w-[16rem] py-1 pl-1 pr-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
      >
        <span
          aria-hidden="true"
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700"
        >
          {initial}
        </span>
        <span className="truncate">{user.email}</span>
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-slate-400" aria-hidden="true">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      {open ? (
        <div
          id={panelId}
          className="absolute right-0 z-40 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <div className="px-3 py-2 text-sm">
            <p className="text-slate-500">Signed in as</p>
            {user.name ? <p className="truncate font-medium text-slate-900">{user.name}</p> : null}
            <p className={cn("truncate", user.name ? "text-slate-600" : "font-medium text-slate-900")}>{user.email}</p>
          </div>
          <div className="my-1 h-px bg-slate-200" />
          <Link href="/api-keys" className={itemClass} onClick={() => setOpen(false)}>
            API keys
          </Link>
          <SignOutButton className={itemClass} />
        </div>
      ) : null}
    </div>
  );
}
