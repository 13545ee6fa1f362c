import "server-only";

/**
 * The path an agent asks the proxy for is the part after /api/v1/proxy/{authenticator_id}, still
 * %-encoded as it arrived. It is appended to the provider's API base, so it must not be able to
 * leave that base: no dot segments (raw or %-encoded, at any depth of encoding, also hidden behind
 * an encoded slash or backslash), no empty segment (`//host`), no scheme (`https:`), nothing that
 * does not decode. %2F inside a segment stays as it is: some APIs use it in ids (GitLab's
 * `projects/group%2Fproject`).
 */
export function proxyPathProblem(rawPath: string): string | null {
  if (rawPath === "") return null;
  if (!rawPath.startsWith("/")) return "The path must start with /";
  if (rawPath.length > 4096) return "The path is longer than 4096 characters";
  if (/[\\\u0000-\u0020\u007f]/.test(rawPath)) return "The path contains a backslash, a space or a control character";
  const segments = rawPath.slice(1).split("/");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === "") {
      if (i === segments.length - 1) continue; // a trailing slash
      return "The path contains an empty segment (//)";
    }
    const problem = segmentProblem(segment);
    if (problem) return problem;
    if (i === 0 && /^[a-z][a-z0-9+.-]*:/i.test(decodeFully(segment) ?? "")) return "The path must be relative to the provider's API, not an absolute URL";
  }
  return null;
}

function segmentProblem(segment: string): string | null {
  let current = segment;
  // Three levels cover double and triple encoding (%252e%252e); a server that decodes more often
  // than that is not one we can protect.
  for (let depth = 0; depth < 4; depth++) {
    for (const part of current.split(/[/\\]/)) {
      if (part === "." || part === "..") return "The path may not contain . or .. segments (in any encoding)";
    }
    if (/[\u0000-\u001f\u007f]/.test(current)) return "The path contains a control character";
    if (!current.includes("%")) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return depth === 0 ? "The path is not valid percent-encoded UTF-8" : null;
    }
    if (decoded === current) return null;
    current = decoded;
  }
  return null;
}

function decodeFully(segment: string): string | null {
  let current = segment;
  for (let i = 0; i < 4 && current.includes("%"); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
  }
  return current;
}

/**
 * The provider URL for a checked path: the API base, the path appended, the caller's query string
 * as it came. Throws if the result would leave the base (a last line of defence; the path rule
 * above already refused anything that could).
 */
export function joinProxyTarget(apiBase: string, rawPath: string, search: string): URL {
  const base = new URL(apiBase);
  const basePath = base.pathname.replace(/\/+$/, "");
  const target = new URL(`${base.origin}${basePath}${rawPath}${search}`);
  const inside = target.pathname === basePath || target.pathname === `${basePath}/` || target.pathname.startsWith(`${basePath}/`);
  if (target.origin !== base.origin || !inside) throw new Error(`The path leaves the API base ${base.origin}${basePath}`);
  return target;
}

/** True when a URL is inside the API base (same origin, under its path): where the proxy may send the token. */
export function insideApiBase(apiBase: string, url: URL): boolean {
  const base = new URL(apiBase);
  const basePath = base.pathname.replace(/\/+$/, "");
  return url.origin === base.origin && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`) || basePath === "");
}
