import "server-only";
import type { RevocationResult } from "../../schemas/connections";
import * as oauth from "oauth4webapi";
import { safeFetch } from "../net/safe-fetch";
import { oauthDebug, tracedFetch } from "../oauth/debug-log";
import { authorizationServer, clientAuth, oauthClient, requestOptions, type ProviderSettings } from "../oauth/provider-settings";

export type { RevocationResult };

/**
 * Tell the provider to revoke a grant's tokens: RFC 7009 where it has a revocation endpoint, else
 * the provider's own call (Google, GitHub, Slack). Never throws: the caller removes the tokens
 * locally whatever the provider said, and records which it was.
 */
export async function revokeAtProvider(settings: ProviderSettings, tokens: { accessToken: string; refreshToken: string | null }): Promise<RevocationResult> {
  const style = settings.revocation;
  oauthDebug("revocation_request", () => ({
    authenticator_id: settings.authenticatorId,
    style: style.kind,
    ...("url" in style ? { endpoint: style.url } : style.kind === "github" ? { endpoint: style.apiBaseUrl ?? "https://api.github.com" } : {}),
    refresh_token: !!tokens.refreshToken,
  }));
  const started = Date.now();
  const result = await revoke(settings, tokens);
  oauthDebug("revocation_result", () => ({ authenticator_id: settings.authenticatorId, style: style.kind, result, duration_ms: Date.now() - started }));
  return result;
}

async function revoke(settings: ProviderSettings, tokens: { accessToken: string; refreshToken: string | null }): Promise<RevocationResult> {
  const style = settings.revocation;
  // OAUTH_DEBUG: each HTTP call's status and duration.
  const fetchImpl = tracedFetch(safeFetch, "revocation_response", { authenticator_id: settings.authenticatorId });
  try {
    switch (style.kind) {
      case "rfc7009": {
        const as = authorizationServer(settings);
        // Revoking the refresh token ends the whole grant at most providers; the access token too, for the rest.
        for (const token of [tokens.refreshToken, tokens.accessToken]) {
          if (!token) continue;
          const response = await oauth.revocationRequest(as, oauthClient(settings), clientAuth(settings), token, requestOptions(settings, fetchImpl));
          await oauth.processRevocationResponse(response);
        }
        return "revoked";
      }
      case "google": {
        const response = await fetchImpl(style.url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ token: tokens.refreshToken ?? tokens.accessToken }),
        });
        return response.ok ? "revoked" : `failed: HTTP ${response.status}`;
      }
      case "github": {
        // DELETE /applications/{client_id}/token, authenticated as the OAuth app itself.
        const api = style.apiBaseUrl ?? "https://api.github.com";
        const response = await fetchImpl(`${api}/applications/${encodeURIComponent(settings.clientId)}/token`, {
          method: "DELETE",
          headers: {
            authorization: `Basic ${Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString("base64")}`,
            accept: "application/vnd.github+json",
            "content-type": "application/json",
          },
          body: JSON.stringify({ access_token: tokens.accessToken }),
        });
        return response.status === 204 || response.status === 404 ? "revoked" : `failed: HTTP ${response.status}`;
      }
      case "slack": {
        const response = await fetchImpl(style.url, { method: "POST", headers: { authorization: `Bearer ${tokens.accessToken}` } });
        const body = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string };
        return body.ok ? "revoked" : `failed: ${body.error ?? `HTTP ${response.status}`}`;
      }
      default:
        return "not_supported";
    }
  } catch (error) {
    return `failed: ${error instanceof oauth.ResponseBodyError ? error.error : error instanceof Error ? error.message : String(error)}`;
  }
}
