import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

// Each case runs in a child process: configuration is read from the environment at start-up.
async function checkConfig(env: Record<string, string | undefined>) {
  const script = `
    import { checkServerConfig } from "./lib/server/check-server-config.ts";
    import { getKeyRing } from "./lib/server/crypto/encryption.ts";
    checkServerConfig();
    console.log("ok " + getKeyRing().currentKeyId);`;
  const clean = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  try {
    const { stdout, stderr } = await run("node", ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
      env: clean,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const validKey = `k1:${Buffer.alloc(32, 7).toString("base64")}`;

describe("server configuration", () => {
  it("stops a production server that has no encryption key, saying what to set", async () => {
    const result = await checkConfig({ NODE_ENV: "production", FIBERWISE_ENCRYPTION_KEYS: undefined, NEXTAUTH_SECRET: "x".repeat(40) });
    expect(result.code).toBe(1);
    expect(result.out).toContain("FIBERWISE_ENCRYPTION_KEYS is not set");
  });

  it("stops a production server with a malformed key without printing the key", async () => {
    const bad = `k1:${Buffer.alloc(16, 9).toString("base64")}`;
    const result = await checkConfig({ NODE_ENV: "production", FIBERWISE_ENCRYPTION_KEYS: bad, NEXTAUTH_SECRET: "x".repeat(40) });
    expect(result.code).toBe(1);
    expect(result.out).toContain("FIBERWISE_ENCRYPTION_KEYS");
    expect(result.out).not.toContain(bad.slice(3));
  });

  it("stops a production server without NEXTAUTH_SECRET", async () => {
    const result = await checkConfig({ NODE_ENV: "production", FIBERWISE_ENCRYPTION_KEYS: validKey, NEXTAUTH_SECRET: undefined });
    expect(result.code).toBe(1);
    expect(result.out).toContain("NEXTAUTH_SECRET is not set");
  });

  it("generates development secrets once into the data folder, with a warning, and reuses them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fw-data-"));
    const env = { NODE_ENV: "development", FIBERWISE_ENCRYPTION_KEYS: undefined, NEXTAUTH_SECRET: undefined, FIBERWISE_DATA_DIR: dir, LOG_LEVEL: "warn" };
    const first = await checkConfig(env);
    expect(first.code).toBe(0);
    expect(first.out).toContain("generated development secrets");
    const file = path.join(dir, "dev-secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, "utf8"));
    expect(secrets.encryptionKeys).toMatch(/^dev1:/);
    const second = await checkConfig(env);
    expect(second.out).not.toContain("generated development secrets");
    expect(second.out).toContain("ok dev1");
  });
});
