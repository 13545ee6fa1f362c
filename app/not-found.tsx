import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/components/shell/brand";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12 text-center">
      <Brand className="mb-10" />
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm leading-6 text-slate-600">
        The page you are looking for does not exist or has moved. Check the address, or head back to the overview.
      </p>
      <Link
        href="/"
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-xs hover:bg-brand-700"
      >
        Go to the overview
      </Link>
    </main>
  );
}
