// Compare the scopes a provider granted with those requested. Providers rename scopes on the way
// back (Google: "email" → ".../auth/userinfo.email"; Microsoft: "Mail.Read" →
// "https://graph.microsoft.com/Mail.Read") and leave OpenID scopes out, so the match is tolerant.
import "server-only";

const ALIASES: Record<string, string[]> = {
  email: ["https://www.googleapis.com/auth/userinfo.email"],
  profile: ["https://www.googleapis.com/auth/userinfo.profile"],
};
const NEVER_ECHOED = new Set(["openid", "offline_access"]);

export function parseScopeString(scope: unknown): string[] | null {
  if (typeof scope !== "string") return null;
  return [...new Set(scope.split(/[\s,]+/).filter(Boolean))];
}

/** The requested scopes the provider did not grant. A response without `scope` grants what was asked (RFC 6749 §5.1). */
export function missingScopes(requested: string[], granted: string[] | null): string[] {
  if (granted === null) return [];
  const have = new Set(granted.map((s) => s.toLowerCase()));
  const satisfied = (scope: string) => {
    const s = scope.toLowerCase();
    if (have.has(s) || NEVER_ECHOED.has(s)) return true;
    if ((ALIASES[s] ?? []).some((alias) => have.has(alias))) return true;
    return [...have].some((g) => g.endsWith(`/${s}`));
  };
  return requested.filter((scope) => !satisfied(scope));
}
