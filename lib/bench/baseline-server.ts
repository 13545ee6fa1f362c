import { createServer, type Server } from "node:http";
import pg from "pg";
import { decryptSecret } from "../server/crypto/encryption";

/**
 * The benchmark's floor: a bare node:http server doing the product's essential work for
 * GET …/token (one indexed read of the user's grant, one AES-GCM decrypt), nothing else.
 */
export async function startBaseline(databaseUrl: string, authenticatorId: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server: Server = createServer(async (req, res) => {
    const userId = Number(new URL(req.url ?? "/", "http://x").searchParams.get("user_id"));
    const { rows } = await pool.query(
      `SELECT g.grant_id, g.access_token, g.token_type, g.expires_at, g.scopes
         FROM user_app_oauth_authentications c JOIN oauth_token_grants g ON g.grant_id = c.grant_id
        WHERE c.user_id = $1 AND c.authenticator_id = $2`,
      [userId, authenticatorId],
    );
    const row = rows[0];
    if (!row) return void res.writeHead(404).end();
    const token = decryptSecret(row.access_token, { table: "oauth_token_grants", rowId: row.grant_id, field: "access_token" });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ access_token: token, token_type: row.token_type, expires_at: row.expires_at, scopes: row.scopes }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: async () => void (await new Promise((r) => server.close(r)), await pool.end()) };
}
