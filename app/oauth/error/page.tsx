import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "@/components/shell/brand";
import { oauthErrorPageQuerySchema } from "@/lib/schemas/connections";
import { readPageQuery } from "@/lib/server/api/read-query";

export const metadata: Metadata = { title: "Connection failed" };

const MESSAGES: Record<string, { title: string; text: string }> = {
  state_missing: { title: "This sign-in link is incomplete", text: "The provider sent you back without the information we need. Start the connection again." },
  state_invalid: { title: "We don't recognise this sign-in", text: "The link is not one we issued, or it was changed. Start the connection again from FiberWise." },
  state_replayed: { title: "This sign-in was already used", text: "Each connection attempt can be completed once. Start the connection again." },
  state_expired: { title: "This sign-in expired", text: "Connection attempts are valid for 10 minutes. Start the connection again." },
  state_browser_mismatch: { title: "Finish in the browser you started in", text: "This connection was started in another browser or window. Start it again here." },
  state_user_mismatch: { title: "Signed in as someone else", text: "This connection was started by another FiberWise account. Sign in as that account, or start again." },
};

export default async function OAuthErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Only an error code of ours is shown; anything else in the URL is someone else's text.
  const code = readPageQuery(await searchParams, oauthErrorPageQuerySchema).code ?? "";
  const message = MESSAGES[code] ?? { title: "The connection could not be completed", text: "Something went wrong while connecting your account. Try again." };
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <Brand className="mb-8" />
      <div className="w-full max-w-md space-y-3 rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm" role="alert">
        <h1 className="text-lg font-semibold text-slate-900">{message.title}</h1>
        <p className="text-sm text-slate-600">{message.text}</p>
        <p className="text-xs text-slate-400">Error code: <code data-testid="oauth-error-code">{code || "unknown"}</code></p>
        <Link href="/settings/oauth-authenticators?tab=connections" className="inline-block rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Back to connections
        </Link>
      </div>
    </main>
  );
}
