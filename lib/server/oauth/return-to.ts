/**
 * Only a path on this platform may be a place to return to after a flow. The value is parsed against
 * our own origin and must stay on it; what is returned is the parser's normalised path, so encoded
 * and backslash variants (`//evil.com`, `/\evil.com`, `/%2F%2Fevil.com`, tab-split schemes) cannot
 * turn into another origin later.
 */
export function safeReturnTo(value: string | null | undefined, origin: string, fallback = "/settings/oauth-authenticators?tab=connections"): string {
  if (!value || value.length > 2048 || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let decoded = value;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return fallback;
    }
  }
  if (decoded.startsWith("//") || decoded.includes("\\") || /^\/*[a-z][a-z0-9+.-]*:/i.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
