import { z } from "zod";

// Client-safe: the query strings of the hosted connect flow (/connect/{token}/start/{id} and
// /connect/complete), shared by the routes and the browser SDK that builds those URLs.

const text = (max: number) => z.string().max(max).optional();

export const connectStartQuerySchema = z.object({
  mode: z.enum(["redirect", "popup"]).default("redirect"),
  origin: text(2048),
  nonce: text(128),
  return_to: text(2048),
});

export const connectCompleteQuerySchema = z.object({
  cs: z.string().uuid(),
  mode: z.enum(["redirect", "popup"]).default("redirect"),
  origin: text(2048),
  nonce: text(128),
  return_to: text(2048),
  oauth_callback: z.string().max(64).default(""),
  status: z.enum(["success", "error"]).default("error"),
  error: z.string().regex(/^[a-z_]{1,64}$/).optional().catch(undefined),
  missing_scopes: text(2000),
});

/** What the popup posts to its opener (window.opener.postMessage, targetOrigin = the opener's allowed origin). */
export type ConnectMessage = { type: "fiberwise:connect"; authenticator_id: string; status: "success" | "error"; error?: string; missing_scopes?: string; nonce?: string };
