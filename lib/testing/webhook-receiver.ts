import type { IncomingMessage, ServerResponse } from "node:http";
import { getPrisma } from "../server/db/client";
import { newWebhookId } from "../server/webhooks/create-webhook";
import { newWebhookSecret, sealWebhookSecret } from "../server/webhooks/webhook-secret";
import { startLoopbackServer } from "./loopback-server";

export type Received = { id: string; timestamp: string; signature: string; body: string; headers: Record<string, string>; at: number };

/**
 * A webhook receiver on 127.0.0.1 that records every request (headers and raw body) and answers
 * with `answer` (200 unless told otherwise; "hang" never answers).
 */
export async function startReceiver(answer: (n: number, req: IncomingMessage) => number | "hang" = () => 200) {
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startLoopbackServer(async (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = "";
    for await (const chunk of req) body += chunk;
    const h = req.headers as Record<string, string>;
    received.push({ id: h["webhook-id"]!, timestamp: h["webhook-timestamp"]!, signature: h["webhook-signature"]!, body, headers: h, at: Date.now() });
    const status = answer(received.length, req);
    if (status === "hang") {
      res.on("close", () => inFlight--);
      return;
    }
    res.writeHead(status, { "content-type": "text/plain" }).end(`answer ${status} `.repeat(200));
    inFlight--;
  });
  return { ...server, received, maxInFlight: () => maxInFlight };
}

/**
 * An endpoint row written directly, skipping createWebhook's URL check on purpose: the delivery
 * tests need endpoints on addresses the API refuses (its checks are tested in webhooks.test.ts and
 * e2e/api/webhooks.spec.ts).
 */
export async function addEndpoint(appId: string, url: string, events: string[] = []) {
  const id = newWebhookId();
  const secret = newWebhookSecret();
  const sealed = sealWebhookSecret(id, "secret", secret);
  await getPrisma().webhookEndpoint.create({ data: { id, appId, url, events, secret: sealed.ciphertext, encryptionKeyId: sealed.keyId } });
  return { id, secret };
}
