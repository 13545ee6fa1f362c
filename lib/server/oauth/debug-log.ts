import "server-only";
import fs from "node:fs";
import path from "node:path";
import pino, { type Logger } from "pino";

// OAUTH_DEBUG=true: one JSON line per OAuth step (authorize redirect, callback, token request and
// response, refresh, revocation, discovery) in .fiberwise-core/logs/oauth.log, the file the spec
// tells developers to `tail -f`. Off by default; when off, each step costs one environment read.
//
// Secrets are masked here, by key name at any depth and in URL query strings, before pino sees the
// line: pino's own `redact` takes fixed paths, and these lines carry provider parameters at varying
// depths. A masked value keeps at most its last 4 characters (`***a1b2`), enough to tell two apart.

export const DEFAULT_OAUTH_DEBUG_LOG = path.join(".fiberwise-core", "logs", "oauth.log");
export const OAUTH_DEBUG_LOG_MAX_BYTES = 10 * 1024 * 1024;
/** Rotated files kept besides the current one: oauth.log.1 (newest) … oauth.log.3. */
export const OAUTH_DEBUG_LOG_KEEP = 3;

export type OAuthStep =
  | "authorize_redirect"
  | "callback_received"
  | "callback_result"
  | "token_request"
  | "token_response"
  | "refresh_request"
  | "refresh_result"
  | "revocation_request"
  | "revocation_response"
  | "revocation_result"
  | "discovery_request"
  | "discovery_response"
  | "discovery_result";

export const oauthDebugEnabled = (): boolean => process.env.OAUTH_DEBUG === "true";

/** Where the log goes: OAUTH_DEBUG_LOG, else .fiberwise-core/logs/oauth.log, relative to the working directory. */
export const oauthDebugLogPath = (): string => path.resolve(process.env.OAUTH_DEBUG_LOG || DEFAULT_OAUTH_DEBUG_LOG);

/**
 * Record one OAuth step. `fields` is only called when OAUTH_DEBUG is on, so call sites on hot paths
 * build nothing otherwise. Never throws: a debug line must not fail the step it describes.
 */
export function oauthDebug(step: OAuthStep, fields: () => Record<string, unknown>): void {
  if (!oauthDebugEnabled()) return;
  try {
    debugLogger().info({ step, ...(maskSecrets(fields()) as Record<string, unknown>) });
  } catch {
    // An unwritable log directory or a field that cannot be serialised: the flow goes on.
  }
}

/**
 * A fetch that writes `step` (method, URL, status, duration) for every request it makes; the fetch
 * itself when OAUTH_DEBUG is off.
 */
export function tracedFetch<F extends (input: string | URL | Request, init?: RequestInit) => Promise<Response>>(
  fetchImpl: F,
  step: OAuthStep,
  context: Record<string, unknown>,
): F {
  if (!oauthDebugEnabled()) return fetchImpl;
  const traced = async (input: string | URL | Request, init?: RequestInit) => {
    const started = performance.now();
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    try {
      const response = await fetchImpl(input, init);
      oauthDebug(step, () => ({ ...context, method, url, status: response.status, duration_ms: Math.round(performance.now() - started) }));
      return response;
    } catch (error) {
      oauthDebug(step, () => ({ ...context, method, url, error: describe(error), duration_ms: Math.round(performance.now() - started) }));
      throw error;
    }
  };
  return traced as F;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

// --- masking ---------------------------------------------------------------------------------

/** Keys whose values are secrets wherever they appear (compared in lower case). */
const SECRET_KEYS = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "token",
  "code",
  "state",
  "code_verifier",
  "code_challenge",
  "nonce",
  "client_secret",
  "client_assertion",
  "assertion",
  "password",
  "authorization",
  "cookie",
  "set-cookie",
  "binding",
]);

/**
 * A short, non-reversible hint of a secret: its last 4 characters when it is long enough to spare
 * them. `*` because a URL query keeps it as it is.
 */
export function maskValue(value: unknown): string {
  return typeof value === "string" && value.length >= 16 ? `***${value.slice(-4)}` : "***";
}

function maskParams(params: URLSearchParams): URLSearchParams {
  for (const key of new Set(params.keys())) if (SECRET_KEYS.has(key.toLowerCase())) params.set(key, maskValue(params.get(key)));
  return params;
}

/** A URL with the values of secret query (and fragment) parameters and any password masked. */
function maskUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.password) url.password = "***";
  maskParams(url.searchParams);
  if (url.hash.includes("=")) url.hash = maskParams(new URLSearchParams(url.hash.slice(1))).toString();
  return url.href;
}

/** `nonce: true`, `code: null`: whether there is one, which is no secret. */
const isPresenceFlag = (value: unknown) => value === null || value === undefined || typeof value === "boolean";

/** A copy of `value` with every secret masked: values under secret keys, and secret parts of URLs. */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return "***";
  if (typeof value === "string") return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? maskUrl(value) : value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, SECRET_KEYS.has(key.toLowerCase()) && !isPresenceFlag(child) ? maskValue(child) : maskSecrets(child, depth + 1)]),
    );
  }
  return value;
}

// --- the file --------------------------------------------------------------------------------

/**
 * Appends lines to one file and, when the next line would take it past `maxBytes`, renames it to
 * `.1` (shifting older ones up to `.keep`) and starts a new one. Written by hand: pino-roll numbers
 * every file it writes (oauth.log.1, .2, …, the newest being the current one), where `tail -F
 * .fiberwise-core/logs/oauth.log` needs one fixed name, and it runs as a pino transport in a worker
 * thread, which would have to be resolvable from Next's and our server bundle. Writes are
 * synchronous: a line is in the file when its step is over. Two processes (npm start and npm run
 * worker) may share the file: each write checks that the path still names the file it has open,
 * and reopens it after the other process rotated it.
 */
export class RotatingFile {
  private fd: number | null = null;
  private inode = -1;

  constructor(
    readonly file: string,
    readonly maxBytes = OAUTH_DEBUG_LOG_MAX_BYTES,
    readonly keep = OAUTH_DEBUG_LOG_KEEP,
  ) {}

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    if (this.fd !== null && stat?.ino !== this.inode) this.close();
    if (stat && stat.size > 0 && stat.size + bytes > this.maxBytes) {
      this.close();
      this.rotate();
    }
    if (this.fd === null) this.open();
    fs.writeSync(this.fd!, line);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.fd = fs.openSync(this.file, "a", 0o600);
    this.inode = fs.fstatSync(this.fd).ino;
  }

  private rotate(): void {
    for (let n = this.keep - 1; n >= 1; n--) renameIfPresent(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    if (this.keep >= 1) renameIfPresent(this.file, `${this.file}.1`);
    else fs.rmSync(this.file, { force: true });
  }
}

function renameIfPresent(from: string, to: string) {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

let current: { file: string; logger: Logger; writer: RotatingFile } | null = null;

/** The pino logger for the current path (tests point OAUTH_DEBUG_LOG elsewhere between runs). */
function debugLogger(): Logger {
  const file = oauthDebugLogPath();
  if (current?.file !== file) {
    current?.writer.close();
    const writer = new RotatingFile(file);
    const logger = pino(
      {
        level: "info",
        base: { service: "fiberwise", pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      { write: (line: string) => writer.write(line) },
    );
    current = { file, logger, writer };
  }
  return current.logger;
}
