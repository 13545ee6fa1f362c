import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInPageQuerySchema } from "@/lib/schemas/auth";
import { safeLocalPath } from "@/lib/schemas/redirects";
import { readPageQuery } from "@/lib/server/api/read-query";
import { getSessionUser } from "@/lib/server/api/get-session-user";
import { appUrl } from "@/lib/server/env";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  // Only a path on this platform is followed after sign-in (the one safe-path rule); anything else goes home.
  const callbackUrl = safeLocalPath(readPageQuery(await searchParams, signInPageQuerySchema).callbackUrl, appUrl(), "/");
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="space-y-6">
      <div className="space-y-1 text-center">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to FiberWise</h1>
        <p className="text-sm text-slate-600">Manage your OAuth authenticators and connections.</p>
      </div>
      <SignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
