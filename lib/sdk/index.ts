// Browser SDK (the spec's "Frontend Integration").
//
// On the platform's own pages it uses the signed-in member's session cookie:
//   const fiber = new FiberWise({ baseUrl: "/api/v1", appId: "my-app" });
//
// On any other origin (an app's own product) it uses a connect session minted by the app's backend
// (POST /api/v1/connect/sessions), and can be imported straight from the platform:
//   import FiberWise from "https://fiberwise.example.com/sdk/fiberwise.js";
//   const fiber = new FiberWise({ baseUrl: "https://fiberwise.example.com/api/v1", appId: "my-app", sessionToken });
//   const { status } = await fiber.credentials.connectAuthenticator("google", { popup: true });
import type { ConnectMessage } from "../schemas/connect-flow";
import { apiBase, FiberWiseError, readApiResponse } from "./errors";

export { FiberWiseError };

// Plain types, so the published declarations stay free of schema libraries; lib/sdk/contract-types.ts checks them
// against the API's schemas (lib/schemas) at typecheck.
export type Authenticator = {
  authenticator_id: string;
  name: string;
  authenticator_type: string;
  scopes: string[];
  is_active: boolean;
  redirect_uri?: string;
};
export type Connection = { authenticator_id: string; status: string; status_reason: string | null; scopes: string[]; expires_at: string | null };
export type ConnectResult = { authenticatorId: string; status: "success" };
export type ConnectOptions = {
  /** Where to come back to (a path on the platform, or with a session token an URL on one of the session's allowed origins). */
  returnTo?: string;
  /** Open the provider in a popup and resolve when it is done (needs a session token). */
  popup?: boolean;
};
export type FiberWiseOptions = { baseUrl: string; appId: string; sessionToken?: string };

const POPUP_FEATURES = "popup,width=520,height=720";

export class CredentialsClient {
  private readonly platform: string;

  constructor(
    private readonly base: string,
    private readonly appId: string,
    private readonly sessionToken?: string,
  ) {
    this.platform = new URL(base, window.location.href).origin;
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set("accept", "application/json");
    if (this.sessionToken) headers.set("authorization", `Bearer ${this.sessionToken}`);
    let response: Response;
    try {
      // A session token is the credential: cookies are never sent with it (nor across origins).
      response = await fetch(`${this.base}${path}`, { ...init, headers, credentials: this.sessionToken ? "omit" : "include" });
    } catch (error) {
      throw new FiberWiseError(0, "network_error", `Could not reach FiberWise: ${(error as Error).message}`);
    }
    return readApiResponse<T>(response);
  }

  private appQuery(): string {
    return this.sessionToken ? "" : `?app_id=${encodeURIComponent(this.appId)}`;
  }

  /**
   * Connect an account. With `{ popup: true }` (session token needed) the provider opens in a popup
   * and this resolves `{ authenticatorId, status: "success" }` or rejects with a FiberWiseError
   * (`access_denied`, `insufficient_scopes`, `popup_blocked`, `popup_closed`, …). Otherwise the
   * browser goes to the provider and comes back to returnTo with ?oauth_callback={id}&status=….
   */
  connectAuthenticator(authenticatorId: string, options: ConnectOptions = {}): Promise<ConnectResult | void> {
    if (options.popup) return this.connectInPopup(authenticatorId);
    if (this.sessionToken) {
      const url = this.startUrl(authenticatorId, "redirect");
      if (options.returnTo) url.searchParams.set("return_to", new URL(options.returnTo, window.location.href).href);
      window.location.assign(url.href);
      return Promise.resolve();
    }
    const url = new URL(`${this.base}/oauth/connect/${encodeURIComponent(authenticatorId)}`, window.location.href);
    url.searchParams.set("app_id", this.appId);
    url.searchParams.set("return_to", options.returnTo ?? `${window.location.pathname}${window.location.search}`);
    window.location.assign(url.href);
    return Promise.resolve();
  }

  private startUrl(authenticatorId: string, mode: "redirect" | "popup"): URL {
    const url = new URL(`/connect/${encodeURIComponent(this.sessionToken!)}/start/${encodeURIComponent(authenticatorId)}`, this.platform);
    url.searchParams.set("mode", mode);
    return url;
  }

  private connectInPopup(authenticatorId: string): Promise<ConnectResult> {
    if (!this.sessionToken) {
      return Promise.reject(new FiberWiseError(0, "session_token_required", "Popups need a connect session: new FiberWise({ …, sessionToken })"));
    }
    // The popup echoes this value back, so only the answer to this very flow is taken.
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    const url = this.startUrl(authenticatorId, "popup");
    url.searchParams.set("origin", window.location.origin);
    url.searchParams.set("nonce", nonce);
    const popup = window.open(url.href, "fiberwise-connect", POPUP_FEATURES);
    if (!popup) return Promise.reject(new FiberWiseError(0, "popup_blocked", "The browser blocked the popup; call connectAuthenticator from a click handler"));
    return new Promise<ConnectResult>((resolve, reject) => {
      const finish = (action: () => void) => {
        window.removeEventListener("message", onMessage);
        clearInterval(watch);
        action();
      };
      const onMessage = (event: MessageEvent) => {
        const data = event.data as ConnectMessage | undefined;
        if (event.origin !== this.platform || data?.type !== "fiberwise:connect" || data.nonce !== nonce) return;
        if (data.status === "success") finish(() => resolve({ authenticatorId: data.authenticator_id, status: "success" }));
        else {
          const message = data.error === "insufficient_scopes" ? `Some permissions were not granted: ${data.missing_scopes ?? ""}`.trim() : `The connection failed: ${data.error ?? "error"}`;
          finish(() => reject(new FiberWiseError(0, data.error ?? "connect_failed", message)));
        }
      };
      // Closed without an answer: the user gave up (checked a little late, so a message sent just
      // before closing still wins).
      const watch = setInterval(() => {
        if (popup.closed) setTimeout(() => finish(() => reject(new FiberWiseError(0, "popup_closed", "The popup was closed before the account was connected"))), 300);
      }, 500);
      window.addEventListener("message", onMessage);
    });
  }

  async isConnected(authenticatorId: string): Promise<boolean> {
    return (await this.listConnections()).some((c) => c.authenticator_id === authenticatorId && c.status === "active");
  }

  async listConnections(): Promise<Connection[]> {
    return (await this.call<{ connections: Connection[] }>(`/credentials/connections${this.appQuery()}`)).connections;
  }

  async listAuthenticators(options: { includeDisabled?: boolean } = {}): Promise<Authenticator[]> {
    if (this.sessionToken) {
      const view = await this.call<{ authenticators: Array<Omit<Authenticator, "is_active">> }>("/connect/session");
      return view.authenticators.map((a) => ({ ...a, is_active: true }));
    }
    const query = `app_id=${encodeURIComponent(this.appId)}${options.includeDisabled ? "&include_disabled=true" : ""}`;
    return (await this.call<{ authenticators: Authenticator[] }>(`/oauth/authenticators?${query}`)).authenticators;
  }

  async revokeConnection(authenticatorId: string): Promise<void> {
    await this.call<void>(`/credentials/connections/${encodeURIComponent(authenticatorId)}${this.appQuery()}`, { method: "DELETE" });
  }

  /** True when this page load is the return from connecting authenticatorId. */
  isConnectionCallback(authenticatorId: string): boolean {
    return new URLSearchParams(window.location.search).get("oauth_callback") === authenticatorId;
  }

  /** The outcome carried by the return URL, if this page load is a return from a connection. */
  connectionResult(): { authenticatorId: string; status: "success" | "error"; error?: string } | null {
    const params = new URLSearchParams(window.location.search);
    const id = params.get("oauth_callback");
    if (!id) return null;
    return { authenticatorId: id, status: params.get("status") === "success" ? "success" : "error", error: params.get("error") ?? undefined };
  }
}

export default class FiberWise {
  readonly credentials: CredentialsClient;

  constructor(options: FiberWiseOptions) {
    this.credentials = new CredentialsClient(apiBase(options.baseUrl), options.appId, options.sessionToken);
  }
}
