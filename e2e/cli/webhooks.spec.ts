import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { cliSuite, json, type CliDeveloper, type CliSandbox } from "../fixtures/cli";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

// `fiber webhooks …` against the production server, whose workers deliver to a loopback receiver.
const suite = cliSuite("webhooks-cli", { instance: "development", link: true });
let dev: CliDeveloper;
let cli: CliSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
test.beforeAll(async () => void (receiver = await startWebhookReceiver()));
test.afterAll(async () => receiver?.close());
test.beforeEach(() => void ({ dev, cli } = suite));

type Added = { id: string; url: string; events: string[]; secret: string };

test("add prints the secret once; list, test, deliveries, rotate-secret and remove work; --json answers the API's JSON", async () => {
  const plain = await cli.expectExit(0, ["webhooks", "add", `${receiver.url}/cli`, "--events", "connection.created,webhook.test", "--description", "from the CLI"]);
  const id = /Added webhook (wh_[0-9a-f]{32})/.exec(plain.stdout)?.[1];
  const secret = /(whsec_\S+)/.exec(plain.stdout)?.[1];
  expect(id, plain.stdout).toBeTruthy();
  expect(secret, plain.stdout).toBeTruthy();
  expect(plain.stdout).toContain("connection.created, webhook.test");
  expect(plain.stdout).toContain("not shown again");

  const listed = await cli.expectExit(0, ["webhooks", "list"]);
  expect(listed.stdout).toMatch(new RegExp(`${id}\\s+${receiver.url.replace(/[.]/g, "\\.")}/cli\\s+connection\\.created,webhook\\.test\\s+enabled`));
  expect(listed.stdout).not.toContain(secret!);
  const listedJson = json<{ data: Array<{ id: string; app_id: string }> }>(await cli.expectExit(0, ["webhooks", "list", "--json"]));
  expect(listedJson.data).toEqual([expect.objectContaining({ id, app_id: dev.appId })]);
  expect(JSON.stringify(listedJson)).not.toContain(secret!);

  const sent = await cli.expectExit(0, ["webhooks", "test", id!]);
  const eventId = /Queued test event (msg_[0-9a-f]{32})/.exec(sent.stdout)?.[1];
  expect(eventId, sent.stdout).toBeTruthy();
  const delivery = await receiver.waitFor(eventId!);
  expect(new Webhook(secret!).verify(delivery.body, delivery.headers)).toMatchObject({ type: "webhook.test", id: eventId });
  await expect.poll(async () => (await cli.run(["webhooks", "deliveries", id!])).stdout, { timeout: 15_000 }).toMatch(new RegExp(`${eventId}\\s+webhook\\.test\\s+delivered\\s+1\\s+200`));

  const rotated = json<Added>(await cli.expectExit(0, ["webhooks", "rotate-secret", id!, "--json"]));
  expect(rotated.secret).toMatch(/^whsec_/);
  expect(rotated.secret).not.toBe(secret);

  expect((await cli.expectExit(1, ["webhooks", "remove", id!])).stderr).toContain("--yes");
  await cli.expectExit(0, ["webhooks", "list", "--json"]).then((r) => expect(json<{ data: unknown[] }>(r).data).toHaveLength(1));
  expect((await cli.expectExit(0, ["webhooks", "remove", id!, "--yes"])).stdout).toContain(`Removed webhook ${id}`);
  expect((await cli.expectExit(0, ["webhooks", "list"])).stdout).toContain("No webhooks in app");
});

test("bad input exits 1 before any request, refusals show the API's code, unknown ids exit 3", async () => {
  const unknownType = await cli.expectExit(1, ["webhooks", "add", "https://example.com/hook", "--events", "connection.exploded"]);
  expect(unknownType.stderr).toContain("Unknown event type");
  const metadata = await cli.expectExit(1, ["webhooks", "add", "http://169.254.169.254/latest"]);
  expect(metadata.stderr).toContain("invalid_webhook_url");
  const envelope = await cli.expectExit(1, ["webhooks", "add", "https://10.0.0.1/hook", "--json"]);
  expect(JSON.parse(envelope.stderr)).toMatchObject({ error: { code: "invalid_webhook_url" } });
  expect(json<{ data: unknown[] }>(await cli.expectExit(0, ["webhooks", "list", "--json"])).data).toEqual([]);

  const missing = `wh_${"0".repeat(32)}`;
  expect((await cli.expectExit(3, ["webhooks", "test", missing])).stderr).toContain("webhook_not_found");
  expect((await cli.expectExit(3, ["webhooks", "remove", "wh_nope", "--yes"])).stderr).toContain("webhook_not_found");
  expect((await cli.expectExit(3, ["webhooks", "deliveries", missing])).stderr).toContain("webhook_not_found");

  const readOnlyKey = await dev.createKey({ scopes: ["webhooks:read"] });
  const refused = await cli.expectExit(2, ["webhooks", "add", `${receiver.url}/ro`, "--app", dev.appId], { env: { FIBER_URL: suite.baseURL, FIBER_API_KEY: readOnlyKey, FIBER_INSTANCE: undefined } });
  expect(refused.stderr).toContain("insufficient_scope");
});
