import "server-only";
import * as oauth from "oauth4webapi";
import { tokenEndpointFetch } from "../oauth/normalize-token-response";
import { authorizationServer, clientAuth, oauthClient, requestOptions, type ProviderSettings } from "../oauth/provider-settings";
import { breakerOpenFor, recordProviderFailure, recordProviderSuccess } from "./provider-guard";

export const RETRY_DELAYS_MS = [200, 800];

export type RefreshCall =
  | { kind: "tokens"; tokens: oauth.TokenEndpointResponse; durationMs: number; attempts: number }
  | { kind: "refused"; reason: string; durationMs: number; attempts: number }
  | { kind: "failed"; error: string; durationMs: number; attempts: number };

/**
 * One refresh_token grant at the provider, with no database connection held: up to two retries on
 * transient trouble (network, timeout, 5xx, 429), none once the authenticator's circuit breaker
 * opens. invalid_grant is the provider refusing the refresh token (the user must reconnect); other
 * error answers are failures, not retried.
 */
export async function callRefreshEndpoint(settings: ProviderSettings, refreshToken: string): Promise<RefreshCall> {
  const as = authorizationServer(settings);
  const client = oauthClient(settings);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    // The breaker opened while this call queued behind the bulkhead or slept before a retry: do not
    // add to the pile.
    if (breakerOpenFor(settings.authenticatorId)) return { kind: "failed", error: "circuit_open", durationMs: Date.now() - started, attempts: attempt - 1 };
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth(settings), refreshToken, {
        ...requestOptions(settings, tokenEndpointFetch(settings)),
        additionalParameters: settings.tokenParams,
        headers: settings.tokenHeaders,
      });
      if (response.status >= 500 || response.status === 429) throw new TransientError(`HTTP ${response.status}`);
      const tokens = await oauth.processRefreshTokenResponse(as, client, response);
      recordProviderSuccess(settings.authenticatorId);
      return { kind: "tokens", tokens, durationMs: Date.now() - started, attempts: attempt };
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === "invalid_grant") {
        recordProviderSuccess(settings.authenticatorId);
        return { kind: "refused", reason: error.error_description ?? "invalid_grant", durationMs: Date.now() - started, attempts: attempt };
      }
      const transient = error instanceof TransientError || !(error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError);
      if (transient) recordProviderFailure(settings.authenticatorId);
      else recordProviderSuccess(settings.authenticatorId);
      if (transient && attempt <= RETRY_DELAYS_MS.length) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt - 1]));
        continue;
      }
      return { kind: "failed", error: describe(error), durationMs: Date.now() - started, attempts: attempt };
    }
  }
}

class TransientError extends Error {}

function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return error.error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timeout";
  return error instanceof Error ? error.message : String(error);
}
