/** An error answered by the FiberWise API, with its stable code (see the README's error table). */
export class FiberWiseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path?: string; message: string }> = [],
  ) {
    super(message);
    this.name = "FiberWiseError";
  }
}

export async function readApiResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: [] } } | null;
  if (!response.ok) {
    throw new FiberWiseError(response.status, body?.error?.code ?? "http_error", body?.error?.message ?? `HTTP ${response.status}`, body?.error?.details);
  }
  return body as T;
}

/** Accept "https://host", "https://host/api/v1" or "https://host/api/v1/". */
export function apiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/api/v1") ? trimmed : `${trimmed}/api/v1`;
}
