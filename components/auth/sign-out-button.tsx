"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { cn } from "@/lib/utils/cn";

export function SignOutButton({ className, children = "Sign out" }: { className?: string; children?: React.ReactNode }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      data-testid="sign-out"
      disabled={pending}
      className={cn(className)}
      onClick={async () => {
        setPending(true);
        await signOut({ callbackUrl: "/signin" });
      }}
    >
      {pending ? "Signing out…" : children}
    </button>
  );
}
