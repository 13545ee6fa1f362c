import "server-only";
/**
 * What a database failure means for the caller, whichever driver raised it: Prisma's own codes,
 * the driver adapter's error kinds (Prisma 7 wraps node-postgres errors), or node-postgres and
 * socket errors from the raw pool. "unavailable" is the database being unreachable or dropping
 * connections (503, retry); "invalid_input" is a value PostgreSQL cannot store (422).
 */
export type DbFailure = "unavailable" | "invalid_input";

const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const ADAPTER_INVALID = new Set(["InvalidInputValue", "ValueOutOfRange", "LengthMismatch"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

export function classifyDbError(error: unknown, depth = 0): DbFailure | null {
  if (typeof error !== "object" || error === null || depth > 4) return null;
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } }; cause?: unknown; kind?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && PRISMA_UNAVAILABLE.has(code)) return "unavailable";
  const cause = e.meta?.driverAdapterError?.cause;
  const kind = cause?.kind ?? (typeof e.kind === "string" ? e.kind : undefined);
  if (kind && ADAPTER_UNAVAILABLE.has(kind)) return "unavailable";
  if (kind && ADAPTER_INVALID.has(kind)) return "invalid_input";
  const sqlState = cause?.originalCode ?? code;
  if (sqlState) {
    // SQLSTATE classes: 08 connection exception, 57P operator intervention (shutdown), 53 resources.
    if (/^08|^57P0[1-3]$|^53300$/.test(sqlState)) return "unavailable";
    // 22 data exception (invalid byte sequence, NUL in text, out of range), 54000 too long.
    if (/^22|^54000$/.test(sqlState)) return "invalid_input";
    if (SOCKET_CODES.has(sqlState)) return "unavailable";
  }
  if (typeof e.message === "string" && /Connection terminated|Can't reach database server|connection is closed|Client has encountered a connection error/i.test(e.message)) {
    return "unavailable";
  }
  return classifyDbError(e.cause, depth + 1);
}
