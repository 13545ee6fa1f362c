// What to tell the user when the provider flow comes back to the Connections tab with
// ?oauth_callback={id}&status=success|error&error=<code>[&missing_scopes=a b].

export function callbackErrorMessage(code: string | null, provider: string, missingScopes: string[]): string {
  switch (code) {
    case "access_denied":
      return "You declined access at the provider. Nothing was connected; connect again whenever you are ready.";
    case "insufficient_scopes":
      return missingScopes.length
        ? `${provider} did not grant: ${missingScopes.join(", ")}. Reconnect and allow every requested permission.`
        : `${provider} did not grant every requested permission. Reconnect and allow them all.`;
    case "token_exchange_failed":
      return `${provider} did not accept the sign-in when FiberWise exchanged it for tokens. Try again; if it keeps failing, the app's developer should check the client ID, secret and redirect URI.`;
    case "issuer_mismatch":
      return "The answer did not come from the expected provider (issuer mismatch), so it was rejected for your safety. Try again.";
    case "authenticator_not_found":
      return "This authenticator was disabled or removed while you were connecting.";
    case "invalid_scope":
      return `${provider} rejected the requested permissions (invalid scope). The app's developer needs to fix the authenticator's scopes.`;
    case "unauthorized_client":
    case "invalid_client":
      return `${provider} does not recognise this app's OAuth client. The app's developer needs to check its client ID and redirect URI.`;
    case "server_error":
    case "temporarily_unavailable":
      return `${provider} had a problem. Try again in a moment.`;
    case "login_required":
    case "consent_required":
    case "interaction_required":
      return `${provider} needs you to sign in and approve the request. Connect again.`;
    default:
      return `Connecting ${provider} failed${code ? ` (${code})` : ""}. Try again.`;
  }
}

export const CALLBACK_PARAMS = ["oauth_callback", "status", "error", "missing_scopes"] as const;
