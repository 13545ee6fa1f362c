import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../errors";
import { readSpecDir } from "./read-spec-dir";

// A folder of spec files read the way register-authenticator reads one file: ${VAR}s filled, the
// API's validation, and every problem of every file in one error.

describe("readSpecDir", () => {
  let dir = "";
  beforeEach(async () => void (dir = await mkdtemp(path.join(tmpdir(), "fw-spec-"))));
  afterEach(async () => {
    delete process.env.FW_TEST_SECRET;
    await rm(dir, { recursive: true, force: true });
  });
  const write = (name: string, value: unknown) => writeFile(path.join(dir, name), typeof value === "string" ? value : JSON.stringify(value));

  it("reads each file with ${VAR}s filled, keeping only the fields the file holds", async () => {
    process.env.FW_TEST_SECRET = "from-the-environment";
    await write("github.json", { name: "GitHub", authenticator_type: "GitHub", client_id: "cid", client_secret: "${FW_TEST_SECRET}", scopes: "user, read:org", is_active: false });
    await write("notes.txt", "not a spec file");
    const [github, ...rest] = await readSpecDir(dir);
    expect(rest).toEqual([]);
    expect(github).toEqual({
      file: path.join(dir, "github.json"),
      id: "github",
      fields: { name: "GitHub", authenticator_type: "github", client_id: "cid", scopes: ["user", "read:org"], is_active: false },
      secret: "from-the-environment",
      secretSource: "${FW_TEST_SECRET}",
    });
  });

  it("lists every problem in every file at once, and reads nothing partially", async () => {
    await write("good.json", { name: "Good", authenticator_type: "github", client_id: "c", client_secret: "s" });
    await write("Bad Name.json", { name: "X", authenticator_type: "github", client_id: "c", client_secret: "s" });
    await write("google.json", { name: "G", authenticator_type: "google", client_id: "c", client_secret: "s", redirect_uri: "https://fw.example.com/auth/callback/gmail" });
    await write("typo.json", { name: "T", authenticator_type: "gogle", client_id: "c", client_secret: "s", is_active: "yes", app_id: "x" });
    await write("broken.json", "{ \"name\": ");
    await write("env.json", { name: "E", authenticator_type: "github", client_id: "c", client_secret: "${FW_TEST_MISSING_SECRET}" });
    const error = await readSpecDir(dir).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    const cli = error as CliError;
    expect(cli.code).toBe("invalid_spec_files");
    expect(cli.exitCode).toBe(1);
    expect(cli.message).toBe(`5 of 6 files in ${dir} are invalid; nothing was sent`);
    const lines = cli.details!.map((d) => `${path.basename(String(d.path))}: ${d.message}`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Bad Name\.json › \(file name\): must be <authenticator_id>\.json/),
      expect.stringMatching(/^google\.json › redirect_uri: names authenticator "gmail" but the file is google\.json/),
      expect.stringMatching(/^typo\.json › is_active: is_active must be true or false/),
      expect.stringMatching(/^typo\.json › app_id: app_id does not belong/),
      expect.stringMatching(/^typo\.json › authenticator_type: Unknown authenticator_type "gogle"/),
      expect.stringMatching(/^broken\.json: Invalid JSON in .*broken\.json:1:10: Unexpected end of JSON input/),
      expect.stringMatching(/^env\.json › client_secret: \$\{FW_TEST_MISSING_SECRET\} is not set/),
    ]));
    expect(lines.some((l) => l.startsWith("good.json"))).toBe(false);
    expect(cli.hint).toEqual(expect.arrayContaining(['export FW_TEST_MISSING_SECRET="…"', `${path.join(dir, "typo.json")}: Did you mean "google"?`]));
  });

  it("names a missing folder", async () => {
    await expect(readSpecDir(path.join(dir, "nope"))).rejects.toMatchObject({ code: "dir_not_found", exitCode: 1 });
  });
});
