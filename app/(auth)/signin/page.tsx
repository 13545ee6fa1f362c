import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/server/auth/get-session-user";

export const metadata: Metadata = { title: "Sign in" };

// Only same-origin paths are followed after sign-in; anything else goes home.
function safeCallback(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getSessionUser()) redirect(safeCallback(callbackUrl));
  return (
    <div className="space-y-6">
      <div className="space-y-1 text-center">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to FiberWise</h1>
        <p className="text-sm text-slate-600">Manage your OAuth authenticators and connections.</p>
      </div>
      <SignInForm callbackUrl={safeCallback(callbackUrl)} />
    </div>
  );
}
