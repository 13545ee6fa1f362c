// Client-safe: the one rule for "a place on this platform we may send the browser to", used by the
// connect flow's return_to, the sign-in page and form, and next-auth's redirect callback.

const MAX_LENGTH = 2048;
// Browsers delete tabs and newlines anywhere in a URL before parsing it: "/\t/evil.com" becomes
// "//evil.com", another origin. Any control character is refused outright, raw or percent-encoded.
const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^\/*[a-z][a-z0-9+.-]*:/i;

/**
 * `value` if it is a path on `origin` (or an absolute URL on exactly that origin), normalised by the
 * URL parser, else `fallback`. Refused: other origins, protocol-relative `//host`, backslashes
 * (`/\evil.com`, which browsers read as `//`), schemes (`javascript:`), control characters, invalid
 * or repeated %-encoding of any of these (`/%2F%09%2Fevil.com`, `/%252F%252Fevil.com`). What is
 * returned is the parser's serialisation: ASCII only, so it is also safe in a Location header.
 */
export function safeLocalPath(value: string | null | undefined, origin: string, fallback: string): string {
  if (!value || value.length > MAX_LENGTH || CONTROL.test(value) || value.includes("\\")) return fallback;
  const base = new URL(origin);
  let candidate = value;
  if (!value.startsWith("/")) {
    // An absolute URL is accepted only on our exact origin (next-auth sends window.location.href).
    let absolute: URL;
    try {
      absolute = new URL(value);
    } catch {
      return fallback;
    }
    if (absolute.origin !== base.origin || absolute.username || absolute.password) return fallback;
    candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
  }
  if (!looksLocal(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Checked again after normalisation: "/./%2Fevil.com" only becomes "/%2Fevil.com" here.
  return url.origin === base.origin && looksLocal(path) ? path : fallback;
}

/** No "//", backslash, control character or scheme at the start, even after up to three rounds of %-decoding. */
function looksLocal(path: string): boolean {
  let decoded = path;
  for (let i = 0; i < 4; i++) {
    if (decoded.startsWith("//") || decoded.includes("\\") || CONTROL.test(decoded) || SCHEME.test(decoded)) return false;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return false;
    }
    if (next === decoded) return true;
    decoded = next;
  }
  return false;
}
