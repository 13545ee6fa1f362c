import "server-only";
import { PROXY_RESPONSE_HEADER } from "../../schemas/proxy";
import { appUrl } from "../env";
import { parseLocation, type UpstreamAnswer } from "./forward-upstream";
import { relayableResponseHeaders } from "./proxy-headers";
import { insideApiBase } from "./proxy-path";
import type { ProxyAnswer } from "./proxy-types";

/** The provider's answer as the caller gets it: its status and body, its headers minus what belongs to its host, and ours. */
export function relayAnswer(answer: UpstreamAnswer, authenticatorId: string, apiBase: string): ProxyAnswer {
  const headers = relayableResponseHeaders(Object.entries(answer.headers));
  const location = headers.location;
  const target = typeof location === "string" ? parseLocation(location, answer.url) : null;
  if (target) {
    // A redirect the proxy did not follow, inside the API base: point it back through the proxy.
    if (insideApiBase(apiBase, target)) {
      const basePath = new URL(apiBase).pathname.replace(/\/+$/, "");
      headers.location = `${appUrl()}/api/v1/proxy/${authenticatorId}${target.pathname.slice(basePath.length)}${target.search}`;
    }
  }
  headers[PROXY_RESPONSE_HEADER.proxied] = "true";
  headers[PROXY_RESPONSE_HEADER.attempts] = String(answer.attempts);
  return { status: answer.status, headers, body: answer.body };
}
