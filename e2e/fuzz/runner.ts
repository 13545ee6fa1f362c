// Sends fuzz requests with node:http, byte for byte: fetch would normalise the path (and refuse raw
// invalid UTF-8), which would hide exactly the requests this suite is for.
import { Agent, request } from "node:http";
import fc from "fast-check";
import { requestArb, type FuzzRequest, type FuzzTarget } from "./arbitraries";
import type { AppRoute } from "./routes";

export type FuzzFailure = { index: number; request: FuzzRequest; status: number | null; reason: string; body: string };
export type FuzzReport = {
  seed: number;
  sent: number;
  ms: number;
  statuses: Record<string, number>;
  /** Error codes of the envelope answers (API only), to see how deep the requests got. */
  codes: Record<string, number>;
  byKind: Record<AppRoute["kind"], number>;
  /** Requests per route pattern and method, e.g. "GET /api/v1/apps/[appId]". */
  byRoute: Record<string, number>;
  /** API answers from past authentication: neither refused as unauthenticated nor before routing. */
  pastAuth: number;
  failures: FuzzFailure[];
};
export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

const CONTROL = /[\u0000-\u001f\u007f]/;
// The envelope's opening, as errorResponse writes it (a long body may be cut off after it).
const ENVELOPE = /^\{"error":\{"code":"[a-z0-9_]+","message":"/;

/** One request exactly as described (path bytes included); the first 64 KiB of the answer. */
export async function sendRaw(baseURL: URL, agent: Agent | undefined, req: { method: string } & Pick<FuzzRequest, "path" | "headers" | "body">, timeoutMs = 15_000): Promise<Answer> {
  try {
    return await sendOnce(baseURL, agent, req, timeoutMs);
  } catch (error) {
    // A kept-alive socket the server closed (idle timeout) just as it was reused: Node's documented
    // race, not an answer to this request. Sent once more on a fresh socket; a second failure counts.
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET") {
      return sendOnce(baseURL, agent, req, timeoutMs);
    }
    throw error;
  }
}

function sendOnce(baseURL: URL, agent: Agent | undefined, req: { method: string } & Pick<FuzzRequest, "path" | "headers" | "body">, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : typeof req.body === "string" ? Buffer.from(req.body, "utf8") : req.body;
    const outgoing = request(
      {
        host: baseURL.hostname, port: baseURL.port, method: req.method, path: req.path, agent, timeout: timeoutMs,
        headers: { ...req.headers, ...(body ? { "content-length": String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < 65_536) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8").slice(0, 65_536) }));
        res.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on("error", (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
    outgoing.end(body);
  });
}

/** What makes an answer a finding: any 5xx, no answer, a raw control character in Location, or an API error outside the envelope. */
export function judge(req: FuzzRequest, answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const location = answer.headers.location;
  if (typeof location === "string" && CONTROL.test(location)) return "raw control character in Location";
  // A HEAD answer has no body (RFC 9110 §9.3.2), so there is no envelope to look for; its status still counts.
  if (req.kind === "api" && req.method !== "HEAD" && req.path.startsWith("/api/v1/") && answer.status >= 400) {
    if (!ENVELOPE.test(answer.body)) return "error answer outside the envelope";
  }
  return null;
}

// Answers given before a handler's own work: no or bad credentials, or a request refused before routing.
const NOT_PAST_AUTH = new Set([
  "unauthorized", "invalid_api_key", "invalid_authorization_header", "api_key_revoked", "api_key_expired", "cross_origin_refused",
  "session_required", "invalid_cron_secret", "cron_disabled", "malformed_request", "invalid_path", "headers_too_large", "route_not_found",
]);

function errorCodeOf(body: string): string | undefined {
  if (!body.startsWith('{"error"')) return undefined;
  try {
    return (JSON.parse(body) as { error: { code?: string } }).error.code;
  } catch {
    return undefined;
  }
}

export async function runFuzz(options: {
  baseURL: string; target: FuzzTarget; routes: AppRoute[]; runs: number; seed: number; concurrency?: number; timeoutMs?: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzReport> {
  const { runs, seed, concurrency = 8, timeoutMs = 15_000 } = options;
  // fast-check draws every request up front from the seed, so one seed always means the same requests.
  const requests = fc.sample(requestArb(options.target, options.routes), { seed, numRuns: runs });
  const base = new URL(options.baseURL);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const report: FuzzReport = { seed, sent: 0, ms: 0, statuses: {}, codes: {}, byKind: { api: 0, page: 0 }, byRoute: {}, pastAuth: 0, failures: [] };
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < requests.length; index = next++) {
      const req = requests[index]!;
      let reason: string | null;
      let status: number | null = null;
      let body = "";
      try {
        const answer = await sendRaw(base, agent, req, timeoutMs);
        status = answer.status;
        body = answer.body;
        reason = judge(req, answer);
        const code = errorCodeOf(answer.body);
        if (code) report.codes[code] = (report.codes[code] ?? 0) + 1;
        if (req.kind === "api" && !(code && NOT_PAST_AUTH.has(code)) && answer.status !== 401) report.pastAuth++;
      } catch (error) {
        reason = `no answer: ${(error as Error).message}`;
      }
      report.sent++;
      report.byKind[req.kind]++;
      report.byRoute[`${req.method} ${req.route}`] = (report.byRoute[`${req.method} ${req.route}`] ?? 0) + 1;
      const key = status === null ? "error" : String(status);
      report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      if (reason) report.failures.push({ index, request: req, status, reason, body: body.slice(0, 300) });
      if (report.sent % 500 === 0) options.onProgress?.(report.sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  report.ms = Date.now() - started;
  return report;
}

const show = (value: string | Buffer | undefined, max = 200) => {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : `<${value.length} bytes>`;
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
};

/** A readable summary: counts, findings grouped by route, and the first few requests to replay. */
export function describeReport(report: FuzzReport, replay: string, secrets: string[] = []): string {
  const mask = (text: string) => secrets.filter(Boolean).reduce((t, secret) => t.split(secret).join("<credential>"), text);
  const lines = [
    `fuzz: ${report.sent} requests (${report.byKind.api} API, ${report.pastAuth} of them past authentication; ${report.byKind.page} page) over ${Object.keys(report.byRoute).length} route methods in ${(report.ms / 1000).toFixed(1)} s, seed ${report.seed}`,
    `statuses: ${Object.entries(report.statuses).sort().map(([s, n]) => `${s}×${n}`).join(" ")}`,
    `error codes: ${Object.entries(report.codes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}×${n}`).join(" ")}`,
  ];
  if (!report.failures.length) return [...lines, "findings: 0"].join("\n");
  const groups = new Map<string, number>();
  for (const f of report.failures) groups.set(`${f.reason} — ${f.request.method} ${f.request.route}`, (groups.get(`${f.reason} — ${f.request.method} ${f.request.route}`) ?? 0) + 1);
  lines.push(`findings: ${report.failures.length}`, ...[...groups].sort((a, b) => b[1] - a[1]).map(([what, n]) => `  ${String(n).padStart(5)}  ${what}`));
  lines.push("first findings:");
  for (const f of report.failures.slice(0, 12)) {
    lines.push(`  #${f.index} ${f.request.method} ${show(f.request.path)} → ${f.reason}`);
    lines.push(`      headers ${show(mask(JSON.stringify(f.request.headers)), 300)}${f.request.body !== undefined ? ` body ${show(f.request.body)}` : ""}`);
    if (f.body) lines.push(`      answer ${show(f.body)}`);
  }
  lines.push(`replay: ${replay}`);
  return lines.join("\n");
}
