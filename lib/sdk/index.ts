// Browser SDK (the spec's "Frontend Integration"): runs on pages served by the platform (or its
// origin), using the signed-in user's session cookie.
//   const fiber = new FiberWise({ baseUrl: "https://fiberwise.example.com/api/v1", appId: "my-app" });
//   await fiber.credentials.connectAuthenticator("google", { returnTo: "/settings" });
import { apiBase, FiberWiseError, readApiResponse } from "./errors";

export { FiberWiseError };

export type Authenticator = {
  authenticator_id: string;
  name: string;
  authenticator_type: string;
  scopes: string[];
  is_active: boolean;
  redirect_uri: string;
};
export type Connection = { authenticator_id: string; status: string; status_reason: string | null; scopes: string[]; expires_at: string | null };

export class CredentialsClient {
  constructor(
    private readonly base: string,
    private readonly appId: string,
  ) {}

  private async get<T>(path: string): Promise<T> {
    return readApiResponse<T>(await fetch(`${this.base}${path}`, { credentials: "include", headers: { accept: "application/json" } }));
  }

  /** Send the browser to the provider; it comes back to returnTo with ?oauth_callback={id}&status=success|error. */
  async connectAuthenticator(authenticatorId: string, options: { returnTo?: string } = {}): Promise<void> {
    const url = new URL(`${this.base}/oauth/connect/${encodeURIComponent(authenticatorId)}`, window.location.href);
    url.searchParams.set("app_id", this.appId);
    url.searchParams.set("return_to", options.returnTo ?? `${window.location.pathname}${window.location.search}`);
    window.location.assign(url.href);
  }

  async isConnected(authenticatorId: string): Promise<boolean> {
    const { connections } = await this.get<{ connections: Connection[] }>(`/credentials/connections?app_id=${encodeURIComponent(this.appId)}`);
    return connections.some((c) => c.authenticator_id === authenticatorId && c.status === "active");
  }

  async listConnections(): Promise<Connection[]> {
    return (await this.get<{ connections: Connection[] }>(`/credentials/connections?app_id=${encodeURIComponent(this.appId)}`)).connections;
  }

  async listAuthenticators(options: { includeDisabled?: boolean } = {}): Promise<Authenticator[]> {
    const query = `app_id=${encodeURIComponent(this.appId)}${options.includeDisabled ? "&include_disabled=true" : ""}`;
    return (await this.get<{ authenticators: Authenticator[] }>(`/oauth/authenticators?${query}`)).authenticators;
  }

  async revokeConnection(authenticatorId: string): Promise<void> {
    const response = await fetch(`${this.base}/credentials/connections/${encodeURIComponent(authenticatorId)}?app_id=${encodeURIComponent(this.appId)}`, {
      method: "DELETE",
      credentials: "include",
    });
    await readApiResponse<void>(response);
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

  constructor(options: { baseUrl: string; appId: string }) {
    this.credentials = new CredentialsClient(apiBase(options.baseUrl), options.appId);
  }
}
