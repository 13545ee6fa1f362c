import { CliError, EXIT, exitCodeForStatus, type ErrorDetail } from "./errors";
import { hintFor } from "./hints";
import { maskSecrets, maskText } from "./mask";
import { colours } from "./output";
import type { Instance } from "./resolve-instance";

export type RequestOptions = { query?: Record<string, string | undefined>; body?: unknown };
export type HttpClient = {
  instance: Instance;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
};

const TIMEOUT_MS = Number(process.env.FIBER_TIMEOUT_MS) || 30_000;

/** Said once per run with --debug: the CLI traces HTTP; the server's OAuth steps are in its own log. */
export const SERVER_OAUTH_LOG_NOTE =
  "OAuth steps (authorize, callback, token, refresh, revocation) are logged by the server, not here: " +
  ".fiberwise-core/logs/oauth.log in the server's working directory, when the server runs with OAUTH_DEBUG=true " +
  "(OAUTH_DEBUG_LOG moves it). Watch it with: tail -F .fiberwise-core/logs/oauth.log";
let noted = false;

/** A fetch client for one instance's /api/v1: bearer key, --debug tracing, and errors as CliErrors. */
export function createClient(instance: Instance, debug: boolean): HttpClient {
  const trace = (text: string) => process.stderr.write(`${colours.dimErr(text)}\n`);
  const show = (value: unknown) => JSON.stringify(maskSecrets(value), null, 2).replace(/^/gm, "  ");
  if (debug && !noted) {
    noted = true;
    trace(SERVER_OAUTH_LOG_NOTE);
  }

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${instance.url}/api/v1${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { authorization: `Bearer ${instance.apiKey}`, accept: "application/json", "user-agent": "fiber-cli" };
    if (options.body !== undefined) headers["content-type"] = "application/json";

    if (debug) {
      trace(`→ ${method} ${maskText(url.href)}`);
      for (const [k, v] of Object.entries(maskSecrets(headers) as Record<string, string>)) trace(`  ${k}: ${v}`);
      if (options.body !== undefined) trace(show(options.body));
    }
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw networkError(error, instance);
    }
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (debug) {
      trace(`← ${response.status} ${response.statusText} (${ms} ms)`);
      if (body !== undefined) trace(show(body));
      else if (text) trace(`  ${maskText(text.slice(0, 500))}`);
    }
    if (response.ok) return body as T;
    throw apiError(response, body, instance);
  }

  return { instance, request };
}

function apiError(response: Response, body: unknown, instance: Instance): CliError {
  const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (envelope && typeof envelope.code === "string" && typeof envelope.message === "string") {
    const details = Array.isArray(envelope.details) ? (envelope.details as ErrorDetail[]) : undefined;
    return new CliError(envelope.message, {
      code: envelope.code,
      status: response.status,
      details,
      exitCode: exitCodeForStatus(response.status),
      hint: hintFor(envelope.code, { instance: instance.name, details }),
    });
  }
  return new CliError(`${instance.url} answered HTTP ${response.status} ${response.statusText} without a FiberWise error`, {
    code: `http_${response.status}`,
    status: response.status,
    exitCode: response.status === 404 ? EXIT.notFound : EXIT.api,
    hint: ["Is this the right URL for a FiberWise instance? fiber instance list"],
  });
}

function networkError(error: unknown, instance: Instance): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const timedOut = (error as Error).name === "TimeoutError";
  const reason = timedOut ? `no answer within ${TIMEOUT_MS / 1000} s` : cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(`Could not reach ${instance.url} (${reason})`, {
    code: timedOut ? "timeout" : "network_error",
    exitCode: EXIT.api,
    hint: [`Is the server running, and is "${instance.name}" the right instance? fiber instance list`],
  });
}
