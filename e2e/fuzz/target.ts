// Sets up what the fuzzer acts as, through the public HTTP API only (so it works against any running
// server): an account with a session, an app, a member, an all-scopes API key, an authenticator on a
// loopback provider, and decoys for the destructive methods to spend themselves on.
import { randomUUID } from "node:crypto";
import type { FuzzTarget } from "./arbitraries";

const PASSWORD = "a perfectly long fuzzing passphrase";

async function call(base: string, path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  headers.set("origin", base);
  // Its own client address, like every fuzz request, so no per-IP limit is spent on the set-up.
  headers.set("x-forwarded-for", `10.255.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  const response = await fetch(new URL(path, base), { ...init, headers, redirect: "manual" });
  return response;
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`fuzz set-up: ${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");

async function signUpAndIn(base: string, label: string): Promise<{ id: number; email: string; cookie: string }> {
  const email = `fuzz-${label}-${randomUUID().slice(0, 8)}@example.com`;
  const user = await json<{ id: number }>(await call(base, "/api/v1/auth/signup", { method: "POST", body: JSON.stringify({ email, password: PASSWORD }) }), "sign-up");
  const csrf = await call(base, "/api/auth/csrf");
  const { csrfToken } = await json<{ csrfToken: string }>(csrf, "csrf");
  const signedIn = await call(base, "/api/auth/callback/credentials", {
    method: "POST",
    cookie: cookiesOf(csrf),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }).toString(),
  });
  const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token="));
  if (!cookie) throw new Error(`fuzz set-up: sign-in answered ${signedIn.status} without a session cookie`);
  return { id: user.id, email, cookie };
}

export async function prepareTarget(base: string, loopbackUrl: string): Promise<FuzzTarget> {
  const owner = await signUpAndIn(base, "owner");
  const member = await signUpAndIn(base, "member");
  const as = (init: RequestInit = {}) => ({ ...init, cookie: owner.cookie });
  const post = (path: string, body: unknown) => call(base, path, as({ method: "POST", body: JSON.stringify(body) }));

  const app = await json<{ app_id: string }>(await post("/api/v1/apps", { name: `Fuzz ${randomUUID().slice(0, 6)}` }), "create app");
  await json(await post(`/api/v1/apps/${app.app_id}/members`, { email: member.email, role: "developer" }), "add member");
  const key = await json<{ key: string }>(await post("/api/v1/api-keys", { name: "fuzz" }), "create API key");
  const decoyKey = await json<{ id: string }>(await post("/api/v1/api-keys", { name: "fuzz decoy", scopes: ["connections:read"] }), "create decoy key");
  const register = (name: string) =>
    post("/api/v1/oauth/authenticators", {
      app_id: app.app_id, name, authenticator_type: "custom", client_id: "fuzz-client", client_secret: "fuzz-client-secret",
      authorize_url: `${loopbackUrl}/auth`, token_url: `${loopbackUrl}/token`, scopes: ["openid", "email"],
    });
  const authenticator = await json<{ authenticator_id: string }>(await register(`Fuzz provider ${randomUUID().slice(0, 6)}`), "register authenticator");
  const decoy = await json<{ authenticator_id: string }>(await register(`Fuzz decoy ${randomUUID().slice(0, 6)}`), "register decoy authenticator");
  // Webhook endpoints: a real one to read, test and redeliver against, a decoy for DELETE.
  const hook = (description: string) => post("/api/v1/webhooks", { app_id: app.app_id, url: `${loopbackUrl}/webhooks`, description });
  const webhook = await json<{ id: string }>(await hook("fuzz"), "create webhook");
  const decoyWebhook = await json<{ id: string }>(await hook("fuzz decoy"), "create decoy webhook");

  return {
    appUrl: base,
    sessionCookie: owner.cookie,
    apiKey: key.key,
    loopbackUrl,
    known: {
      appId: [app.app_id], app_id: [app.app_id], authenticatorId: [authenticator.authenticator_id], keyId: [decoyKey.id],
      userId: [String(owner.id), String(member.id)], user_id: [String(owner.id), String(member.id)], type: ["google", "slack", "custom"],
      nextauth: ["session", "csrf", "providers", "signin", "signout", "callback", "error", "callback/credentials"], path: ["v1", "v2", "unknown"],
      tab: ["connections", "manage"], return_to: ["/apps"], callbackUrl: ["/apps"],
      webhookId: [webhook.id], status: ["pending", "delivered", "failed"], event_type: ["webhook.test", "connection.created"],
    },
    decoys: { authenticatorId: [decoy.authenticator_id], keyId: [decoyKey.id], userId: [String(member.id)], webhookId: [decoyWebhook.id] },
  };
}
