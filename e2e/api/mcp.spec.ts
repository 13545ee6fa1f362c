import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { expect, test } from "@playwright/test";
import { agentWorld, connectEndUser } from "../fixtures/agents";

// Issue 14: the MCP server at /api/v1/mcp, driven by the official MCP client over Streamable HTTP.
let world: Awaited<ReturnType<typeof agentWorld>>;
let baseURL = "";
const END_USER = "u_mcp_e2e";

test.beforeAll(async ({}, info) => {
  baseURL = info.project.use.baseURL!;
  world = await agentWorld(baseURL, "mcp");
  await connectEndUser(baseURL, world.key, world.authenticatorId, END_USER);
});
test.afterAll(async () => world?.close());

async function mcpClient(headers: Record<string, string>, key = world.key) {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseURL}/api/v1/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}`, ...headers } },
  });
  await client.connect(transport);
  return client;
}
const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const json = (result: CallToolResult) => JSON.parse((result.content[0] as { text: string }).text) as Record<string, unknown> & { error?: { code: string; connect_url?: string } };

test("an agent lists, calls, connects and disconnects through the MCP tools, and never sees a token", async () => {
  const client = await mcpClient({ "fiberwise-end-user-id": END_USER });
  const seen: string[] = [];
  const tools = await client.listTools();
  expect(tools.tools.map((t) => t.name).sort()).toEqual(["call_api", "connect_account", "disconnect_account", "list_connections"]);
  const callApi = tools.tools.find((t) => t.name === "call_api")!;
  expect(Object.keys(callApi.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["authenticator_id", "method", "path", "query", "headers", "body"]));
  expect(callApi.inputSchema.required).toEqual(expect.arrayContaining(["authenticator_id", "path"]));

  const listed = await call(client, "list_connections");
  seen.push(JSON.stringify(listed));
  expect(listed.isError).toBeFalsy();
  expect(json(listed)).toMatchObject({
    connections: [{ authenticator_id: world.authenticatorId, status: "active" }],
    available_authenticators: [{ authenticator_id: world.authenticatorId, connected: true }],
  });

  const messages = await call(client, "call_api", { authenticator_id: world.authenticatorId, path: "/gmail/v1/users/me/messages", query: { maxResults: 2 } });
  seen.push(JSON.stringify(messages));
  expect(messages.structuredContent).toMatchObject({ status: 200, body_encoding: "utf8", truncated: false });
  expect(JSON.parse((messages.structuredContent as { body: string }).body)).toMatchObject({ resultSizeEstimate: 2, messages: [{ snippet: `Message 1 for ${END_USER}` }, {}] });

  const posted = await call(client, "call_api", { authenticator_id: world.authenticatorId, method: "POST", path: "/echo/notes?draft=1", body: { title: "hi" }, headers: { "x-trace": "t1" } });
  const echo = JSON.parse((posted.structuredContent as { body: string }).body);
  expect(echo).toMatchObject({ method: "POST", path: "/echo/notes", query: "?draft=1", body: JSON.stringify({ title: "hi" }) });
  expect(echo.headers).toMatchObject({ "content-type": "application/json", "x-trace": "t1" });
  expect(echo.headers.authorization).toMatch(/^Bearer /);
  // (The echo API reflects the Authorization header it received, so this answer is left out of the token check below.)

  // A large binary answer is cut at the stated size, base64-encoded, and said to be cut.
  const big = await call(client, "call_api", { authenticator_id: world.authenticatorId, path: "/bytes/500000" });
  expect(big.structuredContent).toMatchObject({ status: 200, body_encoding: "base64", truncated: true });
  expect((big.structuredContent as { body: string }).body.length).toBeLessThanOrEqual(100_000);

  const provider404 = await call(client, "call_api", { authenticator_id: world.authenticatorId, path: "/nowhere" });
  seen.push(JSON.stringify(provider404), JSON.stringify(big));
  expect([provider404.isError ?? false, (provider404.structuredContent as { status: number }).status]).toEqual([false, 404]);

  const refused = await call(client, "call_api", { authenticator_id: world.authenticatorId, path: "/a/%2e%2e/b" });
  seen.push(JSON.stringify(refused));
  expect([refused.isError, json(refused).error?.code]).toEqual([true, "invalid_proxy_path"]);

  const disconnected = await call(client, "disconnect_account", { authenticator_id: world.authenticatorId });
  seen.push(JSON.stringify(disconnected));
  expect(json(disconnected)).toMatchObject({ disconnected: world.authenticatorId, provider_revocation: "revoked" });
  const afterwards = await call(client, "call_api", { authenticator_id: world.authenticatorId, path: "/echo" });
  expect(afterwards.isError).toBe(true);
  expect(json(afterwards).error).toMatchObject({ code: "connection_not_found", connect_url: expect.stringMatching(new RegExp(`^${baseURL}/connect/fw_cs_`)) });

  seen.push(JSON.stringify(afterwards));
  const link = await call(client, "connect_account", { authenticator_id: world.authenticatorId });
  seen.push(JSON.stringify(link), JSON.stringify(await call(client, "list_connections")));
  const { connect_url: connectUrl } = json(link) as { connect_url: string };
  expect(connectUrl).toMatch(new RegExp(`^${baseURL}/connect/fw_cs_`));
  expect((await fetch(connectUrl)).status).toBe(200);
  await client.close();

  // The end user's token never appeared in any tool answer.
  const token = await fetch(`${baseURL}/api/v1/credentials/connections/${world.authenticatorId}/token?end_user_id=${END_USER}`, { headers: { authorization: `Bearer ${world.key}` } });
  expect(token.status).toBe(404);
  for (const text of seen) expect(text).not.toMatch(/access_token|refresh_token/);
  const previous = world.upstream.requests.map((r) => r.authorization!.slice("Bearer ".length));
  for (const text of seen) for (const t of previous) expect(text).not.toContain(t);
});

test("tool inputs are validated, and the key needs the mcp scope", async () => {
  const client = await mcpClient({ "fiberwise-end-user-id": END_USER });
  const bad = await call(client, "call_api", { authenticator_id: "Not An Id", path: "no-slash" });
  expect(bad.isError).toBe(true);
  expect((bad.content[0] as { text: string }).text).toMatch(/authenticator_id|path/);
  await client.close();

  const narrow = ((await (await world.owner.api.post("/api/v1/api-keys", { data: { name: "no mcp", app_id: world.appId, scopes: ["proxy"] } })).json()) as { key: string }).key;
  await expect(mcpClient({}, narrow)).rejects.toThrow(/403|insufficient_scope/);
  const get = await fetch(`${baseURL}/api/v1/mcp`, { headers: { authorization: `Bearer ${world.key}` } });
  expect(get.status).toBe(405);
  expect(((await get.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  // Refusals at the HTTP level come in the one envelope (JSON-RPC errors stay JSON-RPC).
  const initialize = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } });
  const post = (headers: Record<string, string>, body = initialize) =>
    fetch(`${baseURL}/api/v1/mcp`, { method: "POST", headers: { authorization: `Bearer ${world.key}`, ...headers }, body });
  const notAcceptable = await post({ accept: "application/json", "content-type": "application/json" });
  expect([notAcceptable.status, ((await notAcceptable.json()) as { error: { code: string } }).error.code]).toEqual([406, "not_acceptable"]);
  const notJson = await post({ accept: "application/json, text/event-stream", "content-type": "application/json" }, "{nope");
  expect([notJson.status, ((await notJson.json()) as { error: { code: string } }).error.code]).toEqual([400, "invalid_json"]);
  const unknownMethod = await post({ accept: "application/json, text/event-stream", "content-type": "application/json" }, JSON.stringify({ jsonrpc: "2.0", id: 7, method: "no/such" }));
  expect(unknownMethod.status).toBe(200);
  expect(await unknownMethod.json()).toMatchObject({ jsonrpc: "2.0", id: 7, error: { code: -32601 } });
});
