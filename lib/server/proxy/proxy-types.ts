import "server-only";
import type { Readable } from "node:stream";
import type { ProxyControl, ProxyMethod } from "../../schemas/proxy";
import type { RequestBody } from "./request-body";

export type ProxyInput = {
  authenticatorId: string;
  method: ProxyMethod;
  /** The path after /api/v1/proxy/{authenticator_id}, %-encoded as it arrived ("" or "/…"). */
  path: string;
  /** The query string as it arrived ("" or "?…"): the provider's, untouched. */
  search: string;
  headers: Iterable<[string, string | string[] | undefined]>;
  body: RequestBody;
  control: ProxyControl;
  signal?: AbortSignal;
};

export type ProxyAnswer = { status: number; headers: Record<string, string | string[]>; body: Readable | null };

/** Statuses whose answers have no body (and HEAD answers have none either). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function bodyless(method: string, status: number): boolean {
  return method === "HEAD" || NULL_BODY_STATUSES.has(status);
}
