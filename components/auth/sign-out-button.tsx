"use client";

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
        // next-auth's client (about 12 kB gzipped) is needed only here: it is not in every
        // dashboard page's first load because of this button.
        const { signOut } = await import("next-auth/react");
        await signOut({ callbackUrl: "/signin" });
      }}
    >
      {pending ? "Signing out…" : children}
    </button>
  );
}
