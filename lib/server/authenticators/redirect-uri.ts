import "server-only";
import { appUrl } from "../env";
import { ValidationError } from "../errors";

const CALLBACK_PATH = /^\/auth\/callback\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The origins a redirect URI may point at: APP_URL's, plus ALLOWED_REDIRECT_ORIGINS (comma-separated). */
export function allowedRedirectOrigins(): string[] {
  const extra = (process.env.ALLOWED_REDIRECT_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => {
      try {
        return [new URL(s).origin];
      } catch {
        return [];
      }
    });
  return [...new Set([new URL(appUrl()).origin, ...extra])];
}

export const defaultRedirectUri = (authenticatorId: string) => `${appUrl()}/auth/callback/${authenticatorId}`;

/**
 * The spec's "Restrict redirect URIs: only allow your domain": a redirect URI must be this
 * platform's own callback path on an allowed origin. Returns the authenticator id its path names.
 */
export function checkRedirectUri(redirectUri: string, expectedId: string): string {
  const expected = defaultRedirectUri(expectedId);
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw invalid(redirectUri, expected, "it is not an absolute URL");
  }
  if (!allowedRedirectOrigins().includes(url.origin)) {
    throw invalid(redirectUri, expected, `${url.origin} is not this platform's origin (set ALLOWED_REDIRECT_ORIGINS to allow more)`);
  }
  if (url.search || url.hash || url.username || url.password) throw invalid(redirectUri, expected, "it must not carry a query, fragment or credentials");
  const match = CALLBACK_PATH.exec(url.pathname);
  if (!match) throw invalid(redirectUri, expected, "its path must be /auth/callback/{authenticator_id}");
  if (url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    throw invalid(redirectUri, expected, "it must use https");
  }
  return match[1]!;
}

function invalid(given: string, expected: string, why: string) {
  return new ValidationError(`Invalid redirect URI: ${why}. Expected ${expected}`, [
    { path: "redirect_uri", message: `Invalid redirect URI: ${why}`, expected, given },
  ], "invalid_redirect_uri");
}
