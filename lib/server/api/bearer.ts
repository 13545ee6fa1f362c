import "server-only";

/** The credential in `Authorization: Bearer <token>`, or null when the header has another shape. */
export function bearerToken(authorization: string | null | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? null;
}

/** An API key (`fw_live_…`) sent as the bearer credential, or null: what the fast paths look at. */
export function liveApiKey(authorization: string | null | undefined): string | null {
  const token = bearerToken(authorization);
  return token?.startsWith("fw_live_") ? token : null;
}
