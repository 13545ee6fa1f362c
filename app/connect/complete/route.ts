import { connectCompleteQuerySchema } from "@/lib/schemas/connect-flow";
import { htmlPage, scriptJson } from "@/lib/server/api/html-page";
import { finishConnectFlow } from "@/lib/server/connect-sessions/finish-connect-flow";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// GET /connect/complete?cs=…&oauth_callback=…&status=… – where an end user's connect flow ends: back to the app, or a message to the popup's opener
export async function GET(req: Request) {
  const parsed = connectCompleteQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return htmlPage({ title: "Connect", heading: "Nothing to finish here", text: "This page ends a connect flow; open the app to start one.", status: 400 });
  const q = parsed.data;
  const finish = await finishConnectFlow({
    sessionId: q.cs, mode: q.mode, origin: q.origin ?? null, nonce: q.nonce ?? null, returnTo: q.return_to ?? null,
    outcome: { authenticatorId: q.oauth_callback, status: q.status, error: q.error, missingScopes: q.missing_scopes },
  });
  if (finish.kind === "redirect") {
    return new Response(null, { status: 303, headers: { location: finish.location, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  }
  if (finish.kind === "popup") {
    // postMessage targets exactly the opener's allowed origin: a page elsewhere that opened this
    // window receives nothing.
    const script = `(function(){var m=${scriptJson(finish.message)};if(window.opener){window.opener.postMessage(m,${scriptJson(finish.targetOrigin)});}setTimeout(function(){window.close();},50);})();`;
    const ok = finish.message.status === "success";
    return htmlPage({ title: "Connect", heading: ok ? "Connected" : "Not connected", text: "You can close this window.", script });
  }
  const ok = finish.outcome.status === "success";
  return htmlPage({
    title: "Connect",
    heading: ok ? "Account connected" : "The account was not connected",
    text: ok
      ? `You can go back to ${finish.appName ?? "the app"} now.`
      : `Something went wrong (${finish.outcome.error ?? "error"}). Go back to ${finish.appName ?? "the app"} and try again.`,
    status: ok ? 200 : 400,
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unansweredMethods("GET");
