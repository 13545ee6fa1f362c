import type { ReactNode } from "react";
import Link from "next/link";
import { Brand } from "@/components/shell/brand";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <Brand className="mb-8" />
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        {children}
      </div>
      <Link href="/" className="mt-6 rounded-md text-sm text-slate-600 hover:text-slate-900">
        ← Back to FiberWise
      </Link>
    </main>
  );
}
