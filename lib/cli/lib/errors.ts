// The CLI's one error type. Every failure ends as a CliError, and main.ts turns it into a message
// (or the API's error envelope with --json) and an exit code.

import type { ErrorDetail } from "../../schemas/errors";

export const EXIT = {
  ok: 0,
  /** Bad usage or invalid input: a flag, a config file, a validation failure (local or the API's 400/422). */
  usage: 1,
  /** The API refused or could not be reached: 401, 403, 409, 429, 5xx, connection refused, timeouts. */
  api: 2,
  /** The thing asked for does not exist (404). */
  notFound: 3,
  /** `app oauth plan` only: there are changes to apply (0 means the folder and the app agree). */
  changes: 2,
  /** `app oauth plan` only: an API or network error, which is 2 everywhere else, since plan's 2 means "changes". */
  planApi: 4,
} as const;

export type { ErrorDetail };

export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly details?: ErrorDetail[];
  readonly status?: number;
  /** Extra lines printed under the message (diagnosis and solutions). */
  readonly hint?: string[];

  constructor(
    message: string,
    options: { code: string; exitCode?: number; details?: ErrorDetail[]; status?: number; hint?: string[] },
  ) {
    super(message);
    this.name = "CliError";
    this.code = options.code;
    this.exitCode = options.exitCode ?? EXIT.usage;
    this.details = options.details;
    this.status = options.status;
    this.hint = options.hint;
  }

  /** The same envelope the API answers with, for --json. */
  toEnvelope() {
    return { error: { code: this.code, message: this.message, ...(this.details?.length ? { details: this.details } : {}) } };
  }
}

/** An API status as an exit code: 404 → 3, invalid input → 1, anything else → 2. */
export function exitCodeForStatus(status: number): number {
  if (status === 404) return EXIT.notFound;
  if (status === 400 || status === 422) return EXIT.usage;
  return EXIT.api;
}
