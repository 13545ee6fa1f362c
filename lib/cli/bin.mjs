#!/usr/bin/env node
// The `fiber` executable. The CLI is TypeScript; run it through tsx with the react-server export
// condition, so that modules marked `server-only` load outside Next.js as well.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsx = pathToFileURL(require.resolve("tsx")).href;
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, path.join(here, "main.ts"), ...process.argv.slice(2)],
  // tsx finds tsconfig.json (and its "@/" paths) from the working directory; pin it to this repo's
  // so `fiber` works from any app directory.
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? path.join(here, "..", "..", "tsconfig.json") } },
);
process.exit(result.status ?? 1);
