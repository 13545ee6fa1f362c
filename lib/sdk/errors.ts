/** An error answered by the FiberWise API, with its stable code (see the README's error table). */
export class FiberWiseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path?: string; message: string }> = [],
    /** Where the user can connect (or reconnect) the account, when the API gave one (connection_not_found, reauthorization_required). */
    readonly connectUrl?: string,
  ) {
    super(message);
    this.name = "FiberWiseError";
  }
}

export async function readApiResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as ErrorEnvelope | null;
  if (!response.ok) throw errorFromEnvelope(response.status, body);
  return body as T;
}

type ErrorEnvelope = { error?: { code?: string; message?: string; details?: []; connect_url?: string } };

export function errorFromEnvelope(status: number, body: ErrorEnvelope | null): FiberWiseError {
  return new FiberWiseError(status, body?.error?.code ?? "http_error", body?.error?.message ?? `HTTP ${status}`, body?.error?.details, body?.error?.connect_url);
}

/** Accept "https://host", "https://host/api/v1" or "https://host/api/v1/". */
export function apiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/api/v1") ? trimmed : `${trimmed}/api/v1`;
}
