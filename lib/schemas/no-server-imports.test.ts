import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The contract lives in lib/schemas: client code that reaches into lib/server (even for a type) fails
// the lint. These cases run the project's own ESLint config on made-up files.
const eslint = new ESLint({ cwd: process.cwd() });

async function serverImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "fiberwise/no-server-imports" || m.ruleId === "no-restricted-imports").map((m) => m.ruleId!);
}

describe("client code may not import lib/server", () => {
  it.each([
    ["components/x/probe.tsx", 'import type { Health } from "@/lib/server/health/get-health";\nexport type X = Health;\n'],
    ["lib/schemas/probe.ts", 'import { errorResponse } from "../server/errors";\nexport const x = errorResponse;\n'],
    ["lib/cli/lib/probe.ts", 'export const load = () => import("../../server/db/client");\n'],
    ["lib/sdk/probe.ts", 'export { errorResponse } from "../server/errors";\n'],
    ["app/(dashboard)/probe.tsx", '"use client";\nimport { getSessionUser } from "@/lib/server/api/get-session-user";\nexport const x = getSessionUser;\n'],
  ])("refuses %s", async (file, code) => {
    expect(await serverImportErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ["app/(dashboard)/probe.tsx", 'import { getSessionUser } from "@/lib/server/api/get-session-user";\nexport const x = getSessionUser;\n'],
    ["lib/cli/commands/admin-bootstrap.ts", 'export const load = () => import("../../server/db/client");\n'],
    ["lib/sdk/index-probe.ts", 'import type { AccessToken } from "./server";\nexport type X = AccessToken;\n'],
    ["components/x/probe.tsx", 'import type { PublicApp } from "@/lib/schemas/apps";\nexport type X = PublicApp;\n'],
  ])("allows %s (server code, the bootstrap command, lib/sdk/server, lib/schemas)", async (file, code) => {
    expect(await serverImportErrors(file, code)).toEqual([]);
  });
});
