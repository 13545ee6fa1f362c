// Client-safe: the one rule for which paths the proxy may append to a provider's API base, read by
// the proxy (both its paths), the MCP tool and the server SDK (which must refuse before its URL
// parser resolves dot segments and sends the request, with the API key, somewhere else).

/**
 * The path an agent asks the proxy for is the part after /api/v1/proxy/{authenticator_id}, still
 * %-encoded as it arrived. It is appended to the provider's API base, so it must not be able to
 * leave that base: no dot segments (raw or %-encoded, at any depth of encoding, also hidden behind
 * an encoded slash or backslash), no empty segment (`//host`), no scheme (`https:`), nothing that
 * does not decode. %2F inside a segment stays as it is: some APIs use it in ids (GitLab's
 * `projects/group%2Fproject`).
 */
/** An authenticator_id: the readable global slug ("google", "google-2"). Plain (no zod), for the SDKs. */
export const AUTHENTICATOR_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
      // Java servers (Tomcat, Spring) read `..;x` as `..`: matrix parameters do not hide a dot segment.
      const name = part.split(";")[0];
      if (name === "." || name === "..") return "The path may not contain . or .. segments (in any encoding)";
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
