import "server-only";
import { getPrisma } from "../db/client";
import { checkReturnTo } from "./origins";

export type FlowOutcome = { authenticatorId: string; status: "success" | "error"; error?: string; missingScopes?: string };

export type FlowFinish =
  /** Back to the app, with ?oauth_callback={id}&status=success|error&error=… */
  | { kind: "redirect"; location: string }
  /** Opened as a popup: message the opener, at exactly its (allowed) origin. */
  | { kind: "popup"; targetOrigin: string; message: { type: "fiberwise:connect"; authenticator_id: string; status: string; error?: string; missing_scopes?: string; nonce?: string } }
  /** Nowhere to go back to: say so on a page. */
  | { kind: "page"; appName: string | null; outcome: FlowOutcome };

/**
 * Where an end user's connect flow ends. The callback sends the browser to /connect/complete with
 * the outcome; the session's own settings (re-read here, never taken from the URL alone) decide
 * where it may go: only to its return_to (or a return_to on one of its allowed origins), and a
 * popup's message only to an allowed origin.
 */
export async function finishConnectFlow(input: {
  sessionId: string; mode: string | null; origin: string | null; nonce: string | null; returnTo: string | null; outcome: FlowOutcome;
}): Promise<FlowFinish> {
  const session = await getPrisma().connectSession.findUnique({ where: { id: input.sessionId }, include: { app: { select: { name: true } } } });
  const { outcome } = input;
  if (!session) return { kind: "page", appName: null, outcome };
  if (input.mode === "popup" && input.origin && session.allowedOrigins.includes(input.origin)) {
    return {
      kind: "popup",
      targetOrigin: input.origin,
      message: {
        type: "fiberwise:connect", authenticator_id: outcome.authenticatorId, status: outcome.status,
        ...(outcome.error ? { error: outcome.error } : {}), ...(outcome.missingScopes ? { missing_scopes: outcome.missingScopes } : {}),
        ...(input.nonce && /^[A-Za-z0-9_-]{8,128}$/.test(input.nonce) ? { nonce: input.nonce } : {}),
      },
    };
  }
  const override = input.returnTo ? checkReturnTo(input.returnTo, session.allowedOrigins) : null;
  const target = override?.ok ? override.origin : session.returnTo;
  if (!target) return { kind: "page", appName: session.app.name, outcome };
  const url = new URL(target);
  url.searchParams.set("oauth_callback", outcome.authenticatorId);
  url.searchParams.set("status", outcome.status);
  if (outcome.error) url.searchParams.set("error", outcome.error);
  if (outcome.missingScopes) url.searchParams.set("missing_scopes", outcome.missingScopes);
  return { kind: "redirect", location: url.href };
}
