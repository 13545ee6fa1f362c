import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ConnectCard } from "@/components/connect/connect-card";
import { Brand } from "@/components/shell/brand";
import { describeConnectSession } from "@/lib/server/connect-sessions/describe-connect-session";
import { connectSessionProblem, findConnectSession } from "@/lib/server/connect-sessions/find-connect-session";

export const metadata: Metadata = { title: "Connect your accounts", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  authenticator_not_allowed: "That account type cannot be connected from this link.",
  origin_not_allowed: "This page may not start the connection.",
  return_to_not_allowed: "The app asked to return somewhere it may not.",
  connect_session_used_up: "This link has been used too many times. Go back to the app to get a new one.",
};
const querySchema = z.object({ error: z.string().max(64).optional() });

// GET /connect/{token} – the hosted connect page an app sends its end user to (a connect session's connect_url)
export default async function ConnectPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[]>> }) {
  const { token } = await params;
  const session = await findConnectSession(token);
  // Unknown, expired or deleted: the segment's not-found page, with a 404.
  if (connectSessionProblem(session) || !session) notFound();
  const view = await describeConnectSession(session.id);
  if (!view || view.flows_left === 0) notFound();
  const query = querySchema.safeParse(await searchParams);
  const error = query.success && query.data.error ? (MESSAGES[query.data.error] ?? "The connection could not be started.") : null;
  const base = `/connect/${encodeURIComponent(token)}/start`;
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col px-4 py-10">
      <Brand className="mb-8" />
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Connect your accounts to {view.app.name}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {view.app.name} uses FiberWise to connect to the services below. You sign in at each provider; {view.app.name} never sees your password.
      </p>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {view.authenticators.length ? (
        <ul className="mt-6 space-y-4">
          {view.authenticators.map((a) => (
            <ConnectCard key={a.authenticator_id} appName={view.app.name} authenticator={a} href={`${base}/${encodeURIComponent(a.authenticator_id)}`} />
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-sm text-slate-600">There is nothing to connect right now. Go back to {view.app.name}.</p>
      )}
      <p className="mt-8 text-xs text-slate-500">This link works for 30 minutes (until {new Date(view.expires_at).toUTCString()}).</p>
    </main>
  );
}
