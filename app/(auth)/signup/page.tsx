import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSessionUser } from "@/lib/server/api/get-session-user";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  return (
    <div className="space-y-6">
      <div className="space-y-1 text-center">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Create your account</h1>
        <p className="text-sm text-slate-600">The first account on a new instance becomes its admin.</p>
      </div>
      <SignUpForm />
    </div>
  );
}
